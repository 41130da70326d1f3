import { DeleteOutlined, DownloadOutlined, HeartFilled, HeartOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Popconfirm,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiFailure } from '../../api/client';
import { errorMessage } from '../../components/serverErrors';
import { EditDetails } from './EditDetails';
import { Preview } from './Preview';
import { fileIcon } from '../../components/catalogue/fileIcon';
import { ReviewTag } from '../../components/catalogue/ReviewTag';
import {
  chapterLabel,
  formatSize,
  useDeleteResource,
  useDownload,
  useResource,
  useSetFavourite,
  type ResourceDetail,
} from './queries';
import { NewVersion } from './NewVersion';
import { Ratings } from './Ratings';
import { ReviewActions } from './ReviewActions';
import './strings';
import './styles.css';
import type { zh } from './strings';

/** One resource: preview, files and their versions, download, favourite, rating; edit/review for those allowed. */
export function ResourceDetailPage() {
  const { id = '' } = useParams();
  return <ResourceDetail id={id} />;
}

export function ResourceDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation(['resources', 'common']);
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const res = useResource(id);
  const download = useDownload(id);
  const setFavourite = useSetFavourite(id);
  const remove = useDeleteResource(id);
  const [fileId, setFileId] = useState<string | undefined>();
  const [backToReview, setBackToReview] = useState(false);
  if (res.isLoading) return <Skeleton active />;
  if (res.error || !res.data)
    return (
      <Result
        status={res.error instanceof ApiFailure && res.error.status === 404 ? '404' : 'error'}
        title={errorMessage(res.error)}
      />
    );
  const r = res.data;
  const file = r.files.find((f) => f.id === fileId) ?? r.files[0];
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  const act = (fn: () => Promise<unknown>) => () => void fn().catch((err) => message.error(errorMessage(err)));

  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color="blue">{t(`common:catalogue.kind.${r.kind}`)}</Tag>
        <ReviewTag state={r.reviewState} />
        {r.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Space>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {r.title}
      </Typography.Title>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {r.authorName}
        {r.schoolName ? ` · ${r.schoolName}` : ''} ·{' '}
        {t('detail.stats', { views: r.viewCount, downloads: r.downloadCount, favs: r.favouriteCount })}
      </Typography.Text>
      {backToReview && r.reviewState === 'pending' && (
        <Alert
          type="info"
          showIcon
          closable
          style={{ marginTop: 12 }}
          message={t('edit.backToReview')}
          onClose={() => setBackToReview(false)}
        />
      )}
      {r.reviewState === 'rejected' && r.reviewReason && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          message={t('common:catalogue.reviewReason', { reason: r.reviewReason })}
        />
      )}
      <Space wrap style={{ margin: '12px 0' }}>
        <Button type="primary" icon={<DownloadOutlined />} onClick={act(() => download.mutateAsync({ fileId: file?.id }))}>
          {t('detail.download')}
        </Button>
        <Button
          icon={r.favourite ? <HeartFilled style={{ color: '#eb2f96' }} /> : <HeartOutlined />}
          onClick={act(() => setFavourite.mutateAsync(!r.favourite))}
        >
          {t(r.favourite ? 'detail.unfavourite' : 'detail.favourite')}
        </Button>
        {r.canReview && <ReviewActions r={r} />}
        {r.canEdit && <EditDetails r={r} onSaved={setBackToReview} />}
        {r.canEdit && (
          <Popconfirm
            title={t('detail.deleteConfirm')}
            onConfirm={() =>
              remove
                .mutateAsync(undefined)
                .then(() => {
                  message.success(t('detail.deleted'));
                  navigate('/resources/mine');
                })
                .catch((err) => message.error(errorMessage(err)))
            }
          >
            <Button danger icon={<DeleteOutlined />}>
              {t('detail.delete')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          {r.files.length > 1 && (
            <Select
              aria-label={t('detail.files')}
              style={{ width: '100%', marginBottom: 8 }}
              value={file.id}
              onChange={setFileId}
              options={r.files.map((f) => ({ value: f.id, label: f.latest.fileName }))}
            />
          )}
          {file && <Preview resourceId={r.id} version={file.latest} title={r.title} />}
          {r.description && (
            <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{r.description}</Typography.Paragraph>
          )}
        </Col>
        <Col xs={24} lg={8}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card size="small">
              <Descriptions column={1} size="small">
                {r.textbook && (
                  <Descriptions.Item label={t('detail.textbook')}>
                    <Link to={`/resources?textbook=${r.textbook.id}`}>
                      {t(`common:vocabulary.subjects.${r.textbook.subject}`)} · {r.textbook.edition} · {r.textbook.volume}
                    </Link>
                  </Descriptions.Item>
                )}
                {r.chapterPath.length > 0 && (
                  <Descriptions.Item label={t('detail.chapter')}>
                    {r.chapterPath.map((c) => chapterLabel(c)).join(' / ')}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('detail.grades')}>
                  {r.grades.map((g) => t(`grade.g${g}` as `grade.${keyof typeof zh.grade}`)).join('、')}
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.visibility')}>{t(`visibility.${r.visibility}`)}</Descriptions.Item>
                <Descriptions.Item label={t('detail.audience')}>{t(`audience.${r.audience}`)}</Descriptions.Item>
                <Descriptions.Item label={t('detail.license')}>{t(`license.${r.license}`)}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title={t('detail.versions')}>
              {file && (
                <List
                  size="small"
                  dataSource={file.versions}
                  renderItem={(v) => (
                    <List.Item
                      actions={[
                        <Button
                          key="dl"
                          size="small"
                          type="link"
                          icon={<DownloadOutlined />}
                          aria-label={t('detail.downloadVersion')}
                          onClick={act(() => download.mutateAsync({ versionId: v.id }))}
                        />,
                      ]}
                    >
                      <List.Item.Meta
                        avatar={fileIcon(v.fileKind)}
                        title={
                          <Space size={4} wrap>
                            {t('detail.version', { n: v.number })}
                            {v.id === file.latest.id && <Tag color="green">{t('detail.latest')}</Tag>}
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {formatSize(v.size)}
                            </Typography.Text>
                          </Space>
                        }
                        description={
                          <>
                            <div>{t('detail.uploadedBy', { name: v.createdByName, time: time(v.createdAt) })}</div>
                            {v.changeNote && <div>{v.changeNote}</div>}
                          </>
                        }
                      />
                    </List.Item>
                  )}
                />
              )}
              {r.canEdit && file && (
                <details style={{ marginTop: 8 }}>
                  <summary>{t('detail.newVersion')}</summary>
                  <div style={{ marginTop: 8 }}>
                    <NewVersion r={r} fileId={file.id} />
                  </div>
                </details>
              )}
            </Card>
            <Ratings r={r} />
          </Space>
        </Col>
      </Row>
    </>
  );
}
