import { BookOutlined, LoginOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { LangToggle } from '../../app/LangToggle';
import { errorMessage } from '../../components/serverErrors';
import { formatCode, usePublicDriftCopy } from './queries';
import { JourneyTimeline } from './JourneyTimeline';

/**
 * `/drift/:code`, the address in every label's QR code: the full copy page inside the shell for
 * a signed-in user (the app puts the shell between this route and its children), the public
 * page (no names, no note text) for anyone else.
 */
export function DriftEntry() {
  const { me, loading } = useAuth();
  if (loading)
    return (
      <div className="page-loading">
        <Spin size="large" />
      </div>
    );
  return me ? <Outlet /> : <PublicCopyPage />;
}

/** What a parent or passer-by sees after scanning a label: the book, where it has been, and a way to sign in. */
export function PublicCopyPage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation(['bookdrift', 'common']);
  const location = useLocation();
  const navigate = useNavigate();
  const page = usePublicDriftCopy(code, i18n.language);
  const c = page.data;
  const dateLocale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <div className="drift-public">
      <div className="drift-public-top">
        <Typography.Text strong>
          <BookOutlined /> {t('common:app.name')} · {t('nav')}
        </Typography.Text>
        <LangToggle compact />
      </div>
      {page.error ? (
        <Alert type="error" showIcon title={errorMessage(page.error)} />
      ) : !c ? (
        <Card loading />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }} data-testid="public-title">
              {t('bookTitle', { title: c.title })}
            </Typography.Title>
            {c.author && <Typography.Text type="secondary">{c.author}</Typography.Text>}
            <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
              <Descriptions.Item label={t('driftCode')}>
                <Typography.Text code>{formatCode(c.driftCode)}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('home')}>{c.homeSchoolName}</Descriptions.Item>
              <Descriptions.Item label={t('notes')}>{t('publicNoteCount', { count: c.approvedNotes })}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('journey')} style={{ marginBottom: 12 }}>
            <JourneyTimeline journey={c.journey} locale={dateLocale} />
          </Card>
        </>
      )}
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('publicIntro')}
        </Typography.Paragraph>
        <Button
          type="primary"
          block
          icon={<LoginOutlined />}
          onClick={() => void navigate('/login', { state: { from: location.pathname } })}
        >
          {t('publicSignIn')}
        </Button>
      </Card>
    </div>
  );
}
