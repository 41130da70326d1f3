import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useToastedAction } from '../../components/useToastedAction';
import { useAccess } from '../../app/access';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors, errorMessage } from '../../components/serverErrors';
import { useCopyList, useCreateList, useFollowList, useReadingList, useReadingLists, type S } from './queries';

type CreateList = S['CreateListDto'];

export function ListsPage() {
  const { t } = useTranslation(['bookdrift', 'common']);
  const access = useAccess();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CreateList>();
  const [error, setError] = useState<string | null>(null);
  const lists = useReadingLists();
  const createList = useCreateList();
  const canWrite = access.canWriteReadingLists;

  async function create(values: CreateList) {
    setError(null);
    try {
      const l = await createList.mutateAsync(values);
      setOpen(false);
      navigate(`/bookdrift/lists/${l.id}`);
    } catch (err) {
      setError(applyServerErrors(form, err, ['name', 'gradeBand', 'visibility']));
    }
  }

  return (
    <div>
      <PageHeader
        title={t('lists')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('newList')}
            </Button>
          )
        }
      />
      <Card>
        {!lists.data?.length ? (
          <Empty description={t('empty')} />
        ) : (
          <List
            dataSource={lists.data}
            renderItem={(l) => (
              <List.Item>
                <List.Item.Meta
                  title={<Link to={`/bookdrift/lists/${l.id}`}>{l.name}</Link>}
                  description={
                    <Space wrap>
                      <span>{l.schoolName}</span>
                      {l.gradeBand && <Tag>{l.gradeBand}</Tag>}
                      <Tag color="blue">{t(`vis.${l.visibility}`)}</Tag>
                      <span>
                        {l.entryCount} {t('entries')}
                      </span>
                      {l.followedByMySchool && <Tag color="gold">{t('followed')}</Tag>}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Modal open={open} title={t('newList')} onCancel={() => setOpen(false)} onOk={() => form.submit()} width={640}>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ visibility: 'group', entries: [{ isbn: '', title: '', note: '' }] }}
          onFinish={(v) => void create(v)}
        >
          <Form.Item name="name" label={t('listName')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="gradeBand" label={t('gradeBand')}>
              <Input style={{ width: 120 }} maxLength={20} />
            </Form.Item>
            <Form.Item name="visibility" label={t('visibility')}>
              <Select
                style={{ width: 140 }}
                options={(['school', 'group', 'public'] as const).map((v) => ({ value: v, label: t(`vis.${v}`) }))}
              />
            </Form.Item>
          </Space>
          <Form.List name="entries">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'isbn']} rules={[{ required: true }]}>
                      <Input placeholder="ISBN" style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true }]}>
                      <Input placeholder={t('title')} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'note']}>
                      <Input placeholder={t('entryNote')} style={{ width: 180 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ isbn: '', title: '', note: '' })} icon={<PlusOutlined />}>
                  {t('addEntry')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </div>
  );
}

export function ListPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['bookdrift', 'common']);
  const access = useAccess();
  const runAction = useToastedAction();
  const navigate = useNavigate();
  const list = useReadingList(id);
  const followList = useFollowList(id);
  const copyList = useCopyList(id);
  const l = list.data;
  if (list.error) return <Alert type="error" showIcon message={errorMessage(list.error)} />;
  if (!l) return <Card loading />;
  const canAct = !l.mine && access.canWriteReadingLists;

  async function follow() {
    await runAction(async () => {
      await followList.mutateAsync(!l!.followedByMySchool);
    });
  }
  async function copy() {
    await runAction(async () => {
      const c = await copyList.mutateAsync();
      navigate(`/bookdrift/lists/${c.id}`);
    });
  }

  return (
    <div>
      <PageHeader
        title={l.name}
        subtitle={`${l.schoolName} · ${t(`vis.${l.visibility}`)}${l.gradeBand ? ` · ${l.gradeBand}` : ''}`}
        extra={
          canAct && (
            <Space>
              <Button onClick={() => void follow()}>{l.followedByMySchool ? t('unfollow') : t('follow')}</Button>
              <Button type="primary" onClick={() => void copy()}>
                {t('copyList')}
              </Button>
            </Space>
          )
        }
      />
      <Card>
        <List
          dataSource={l.entries}
          renderItem={(e) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <span>
                    {e.position}. 《{e.title}》 {e.author}
                  </span>
                }
                description={
                  <Space direction="vertical" size={2}>
                    {e.note && <Typography.Text>{e.note}</Typography.Text>}
                    <Space wrap>
                      {e.held > 0 && <Tag color="green">{t('held', { n: e.held })}</Tag>}
                      {e.byDrift > 0 && <Tag color="blue">{t('byDrift', { n: e.byDrift })}</Tag>}
                      {!e.held && !e.byDrift && <Tag>{t('notAvailable')}</Tag>}
                      <Typography.Text type="secondary">ISBN {e.isbn}</Typography.Text>
                    </Space>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
