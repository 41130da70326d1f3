import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { useAuth } from './auth';
import { features } from './features';
import { HomePage } from './HomePage';
import { LoginPage } from './LoginPage';
import { Shell } from './Shell';

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading)
    return (
      <div className="page-loading">
        <Spin size="large" />
      </div>
    );
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

export const routes = [
  { path: '/login', element: <LoginPage /> },
  ...features.flatMap((f) =>
    (f.publicRoutes ?? []).map((r) => (r.children ? { ...r, children: [{ element: <Shell />, children: r.children }] } : r)),
  ),
  {
    path: '/',
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [{ index: true, element: <HomePage /> }, ...features.flatMap((f) => f.routes)],
  },
  { path: '*', element: <Navigate to="/" replace /> },
];

export function App() {
  return <RouterProvider router={createBrowserRouter(routes)} />;
}
