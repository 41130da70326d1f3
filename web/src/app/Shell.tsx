import { DownOutlined, HomeOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAccess } from './access';
import { useMe, useAuth } from './auth';
import { features } from './features';
import { NAMESPACES } from './i18n';
import { LangToggle } from './LangToggle';

/** The signed-in layout: header with menu (a drawer on phones), the account menu, and the page. */
export function Shell() {
  const { t } = useTranslation(NAMESPACES);
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const access = useAccess();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  const items = [
    { key: '/', icon: <HomeOutlined />, label: t('app.home') },
    ...features.flatMap((f) =>
      f.nav.filter((n) => access[n.access]).map((n) => ({ key: n.path, icon: n.icon, label: t(n.label) })),
    ),
  ];
  const selected = items
    .map((i) => i.key)
    .filter((k) => k === location.pathname || (k !== '/' && location.pathname.startsWith(k)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  const doSignOut = () => void signOut().then(() => navigate('/login'));
  const accountItems = [
    { key: 'password', icon: <KeyOutlined />, label: t('app.changePassword'), onClick: () => navigate('/account/password') },
    { type: 'divider' as const },
    { key: 'signout', icon: <LogoutOutlined />, label: t('app.signOut'), onClick: doSignOut },
  ];
  const menu = (mode: 'horizontal' | 'inline') => (
    <Menu
      mode={mode}
      selectedKeys={selected}
      items={items}
      onClick={({ key }) => {
        setOpen(false);
        navigate(key);
      }}
      style={mode === 'horizontal' ? { flex: 1, minWidth: 0, borderBottom: 'none' } : { borderInlineEnd: 'none' }}
    />
  );
  const mobile = !screens.md;
  const who = `${me.displayName} · ${t(`roles.${me.role}`)}`;
  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        {mobile && <Button type="text" icon={<MenuOutlined />} aria-label={t('app.menu')} onClick={() => setOpen(true)} />}
        <div className="shell-brand" onClick={() => navigate('/')}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
        </div>
        {!mobile && menu('horizontal')}
        <div className="shell-user">
          <LangToggle compact={mobile} />
          {mobile ? (
            <Dropdown menu={{ items: accountItems }} trigger={['click']} placement="bottomRight">
              <Button type="text" icon={<UserOutlined />} aria-label={t('app.account')} />
            </Dropdown>
          ) : (
            <Dropdown menu={{ items: accountItems }} trigger={['click']} placement="bottomRight">
              <Button type="text" icon={<UserOutlined />} aria-label={t('app.account')}>
                <span className="shell-name">{who}</span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          )}
        </div>
      </Layout.Header>
      <Drawer open={open} onClose={() => setOpen(false)} placement="left" size={260} title={who}>
        {menu('inline')}
        <Menu
          mode="inline"
          selectable={false}
          style={{ borderInlineEnd: 'none', marginTop: 8, borderTop: '1px solid #f0f0f0' }}
          items={accountItems}
          onClick={() => setOpen(false)}
        />
      </Drawer>
      <Layout.Content className="shell-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
