import { GlobalOutlined } from '@ant-design/icons';
import { Button, Grid } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLang } from './i18n';

export function LangToggle() {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => setLang(i18n.language === 'en' ? 'zh-CN' : 'en')}
      aria-label={t('app.language')}
    >
      {screens.sm === false ? null : t('app.language')}
    </Button>
  );
}
