import { App, Button, Card, Empty, List, Rate, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/serverErrors';
import { usePendingNotes, useReviewNote } from './queries';

/** A teacher's queue of their school's students' reading notes. */
export function ReviewPage() {
  const { t } = useTranslation(['bookdrift', 'common']);
  const { message } = App.useApp();
  const queue = usePendingNotes();
  const reviewNote = useReviewNote();
  async function review(id: string, approve: boolean) {
    try {
      await reviewNote.mutateAsync({ id, approve });
      message.success(t('saved'));
    } catch (err) {
      message.error(errorMessage(err));
    }
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
