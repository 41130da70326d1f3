import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLang } from './i18n';

export function LangToggle() {
  const { t, i18n } = useTranslation();
  return (
    <Button type="text" icon={<GlobalOutlined />} onClick={() => setLang(i18n.language === 'en' ? 'zh-CN' : 'en')}>
      {t('app.language')}
    </Button>
  );
}
