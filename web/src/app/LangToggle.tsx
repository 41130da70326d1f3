import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLang } from './i18n';

/** Switches between Chinese and English; `compact` shows only the globe where the header is narrow. */
export function LangToggle({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => setLang(i18n.language === 'en' ? 'zh-CN' : 'en')}
      aria-label={t('app.language')}
    >
      {compact ? null : t('app.language')}
    </Button>
  );
}
