import { HomeOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useAuth } from './auth';
import { features } from './features';
import { LangToggle } from './LangToggle';

/** The signed-in layout: header with menu (a drawer on phones), and the page. */
export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  const items = [
    { key: '/', icon: <HomeOutlined />, label: t('app.home') },
    ...features.flatMap((f) =>
      f.nav.filter((n) => n.roles.includes(me.role)).map((n) => ({ key: n.path, icon: n.icon, label: t(n.label) })),
    ),
  ];
  const selected = items
    .map((i) => i.key)
    .filter((k) => k === location.pathname || (k !== '/' && location.pathname.startsWith(k)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  const menu = (mode: 'horizontal' | 'inline') => (
    <Menu
      mode={mode}
      selectedKeys={selected}
      items={items}
      onClick={({ key }) => {
        setOpen(false);
        navigate(key);
      }}
      style={mode === 'horizontal' ? { flex: 1, minWidth: 0, borderBottom: 'none' } : undefined}
    />
  );
  const mobile = !screens.md;
  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        {mobile && <Button type="text" icon={<MenuOutlined />} aria-label="menu" onClick={() => setOpen(true)} />}
        <div className="shell-brand" onClick={() => navigate('/')}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
        </div>
        {!mobile && menu('horizontal')}
        <div className="shell-user">
          {!mobile && (
            <Typography.Text className="shell-name">
              {me.displayName} · {t(`roles.${me.role}`)}
            </Typography.Text>
          )}
          <LangToggle />
          <Button
            type="text"
            icon={<LogoutOutlined />}
            onClick={() => void signOut().then(() => navigate('/login'))}
            aria-label={t('app.signOut')}
          >
            {mobile ? null : t('app.signOut')}
          </Button>
        </div>
      </Layout.Header>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="left"
        size={260}
        title={`${me.displayName} · ${t(`roles.${me.role}`)}`}
      >
        {menu('inline')}
      </Drawer>
      <Layout.Content className="shell-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
