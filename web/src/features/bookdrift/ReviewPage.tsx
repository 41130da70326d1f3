import { Button, Card, Empty, List, Rate, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useToastedAction } from '../../components/useToastedAction';
import { PageHeader } from '../../components/PageHeader';
import { usePendingNotes, useReviewNote } from './queries';

/** A teacher's queue of their school's students' reading notes. */
export function ReviewPage() {
  const { t } = useTranslation(['bookdrift', 'common']);
  const runAction = useToastedAction();
  const queue = usePendingNotes();
  const reviewNote = useReviewNote();
  async function review(id: string, approve: boolean) {
    await runAction(async () => {
      await reviewNote.mutateAsync({ id, approve });
    }, t('saved'));
  }
  return (
    <div>
      <PageHeader title={t('review')} />
      <Card>
        {!queue.data?.length ? (
          <Empty description={t('queueEmpty')} />
        ) : (
          <List
            dataSource={queue.data}
            renderItem={(n) => (
              <List.Item
                actions={[
                  <Button key="a" type="primary" onClick={() => void review(n.id, true)}>
                    {t('approve')}
                  </Button>,
                  <Button key="r" danger onClick={() => void review(n.id, false)}>
                    {t('reject')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Link to={`/drift/${n.driftCode}`}>《{n.bookTitle}》</Link>
                      <span>
                        {n.author} · {n.schoolName}
                      </span>
                      <Rate disabled value={n.rating} style={{ fontSize: 12 }} />
                    </Space>
                  }
                  description={n.body}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
