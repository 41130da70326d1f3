import { configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { LoginPage } from './LoginPage';
import { Providers } from './Providers';

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

configure({ asyncUtilTimeout: 10000 });
jest.setTimeout(60000);

describe('LoginPage', () => {
  beforeEach(() => localStorage.clear());

  it('is in Chinese by default and shows the server message on a wrong password', async () => {
    const fetchMock = jest.fn(async (input: Request) => {
      const url = new URL(input.url);
      if (url.pathname === '/api/auth/refresh') return jsonResponse(401, { code: 'AUTH_SESSION_EXPIRED', message: '登录已过期' });
      if (url.pathname === '/api/auth/login')
        return jsonResponse(401, { code: 'AUTH_BAD_CREDENTIALS', message: '用户名或密码错误' });
      return jsonResponse(404, {});
    });
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    const router = createMemoryRouter([{ path: '/login', element: <LoginPage /> }], { initialEntries: ['/login'] });
    render(
      <Providers>
        <RouterProvider router={router} />
      </Providers>,
    );
    expect(await screen.findByText('登录木棉')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('用户名或手机号'), 'teacher.li');
    await userEvent.type(screen.getByLabelText('密码'), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    await waitFor(() => expect(screen.getByText('用户名或密码错误')).toBeInTheDocument());
    const loginCall = fetchMock.mock.calls.map((c) => c[0] as Request).find((r) => r.url.endsWith('/api/auth/login'))!;
    expect(await loginCall.clone().json()).toEqual({ login: 'teacher.li', password: 'wrong-password' });
  });
});
