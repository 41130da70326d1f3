import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Providers } from '../../app/Providers';
import { jsonResponse } from '../../test-utils/signed-in';
import { DriftEntry } from './PublicCopyPage';
import './strings';

jest.setTimeout(60000);

describe('DriftEntry (the QR label address) signed out', () => {
  beforeEach(() => localStorage.clear());

  it('shows the public page with the book and journey, and a sign-in call to action that comes back here', async () => {
    const calls: Request[] = [];
    globalThis.fetch = jest.fn(async (req: Request) => {
      calls.push(req);
      const url = new URL(req.url);
      if (url.pathname === '/api/auth/refresh') return jsonResponse(401, { code: 'UNAUTHORIZED', message: '请先登录' });
      if (url.pathname === '/api/bookdrift/public/drift/KFW94FQH')
        return jsonResponse(200, {
          driftCode: 'KFW94FQH',
          title: '青草国的鹅',
          author: '汤汤',
          homeSchoolName: '木棉县第一实验学校',
          journey: [
            { schoolName: '木棉县第一实验学校', arrivedAt: '2026-03-01T08:00:00.000Z' },
            { schoolName: '青石镇中心小学', arrivedAt: '2026-03-10T08:00:00.000Z' },
          ],
          approvedNotes: 2,
        });
      return jsonResponse(404, { code: 'NOT_FOUND', message: 'not stubbed' });
    }) as unknown as typeof fetch;
    const router = createMemoryRouter(
      [
        { path: '/drift/:code', element: <DriftEntry />, children: [{ index: true, element: <p>full page</p> }] },
        { path: '/login', element: <p>login page</p> },
      ],
      { initialEntries: ['/drift/KFW94FQH'] },
    );
    render(
      <Providers>
        <RouterProvider router={router} />
      </Providers>,
    );
    expect(await screen.findByText('《青草国的鹅》')).toBeInTheDocument();
    expect(screen.getByTestId('journey')).toHaveTextContent('青石镇中心小学');
    expect(screen.getByText('已有 2 篇读书笔记')).toBeInTheDocument();
    expect(screen.queryByText('full page')).not.toBeInTheDocument();
    expect(calls.some((r) => r.headers.get('Authorization'))).toBe(false);
    screen.getByRole('button', { name: /登录后查看读书笔记\/写笔记/ }).click();
    expect(await screen.findByText('login page')).toBeInTheDocument();
    expect(router.state.location.state).toEqual({ from: '/drift/KFW94FQH' });
  });
});
