import { configure, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { components } from '../api/schema';
import { useAuth } from '../app/auth';
import { Providers } from '../app/Providers';

// a loaded CI machine (2 cores, many suites) can take seconds for a first antd render
configure({ asyncUtilTimeout: 10000 });

export type MeView = components['schemas']['MeView'];

export function jsonResponse(status: number, body: unknown) {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function meOf(partial: Partial<MeView> = {}): MeView {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'school.admin',
    displayName: '赵校长',
    role: 'school_admin',
    schoolId: '00000000-0000-4000-8000-0000000000a1',
    schoolName: '木棉县第一实验学校',
    groupIds: [],
    titles: [],
    grade: null,
    mustChangePassword: false,
    restricted: false,
    ...partial,
  };
}

type Handler = (req: Request, url: URL) => Response | undefined | Promise<Response | undefined>;

/**
 * Stubs fetch: the session check signs `me` in, then `handler` answers the page's calls
 * (anything it leaves unanswered gets a 404). Returns the list of requests made.
 */
export function stubApi(me: MeView, handler: Handler) {
  const requests: Request[] = [];
  globalThis.fetch = jest.fn(async (input: Request) => {
    requests.push(input.clone());
    const url = new URL(input.url);
    if (url.pathname === '/api/auth/refresh') return jsonResponse(200, { accessToken: 'token', expiresIn: 900, user: me });
    if (url.pathname === '/api/auth/me') return jsonResponse(200, me);
    return (await handler(input, url)) ?? jsonResponse(404, { code: 'NOT_FOUND', message: 'not stubbed' });
  }) as unknown as typeof fetch;
  return requests;
}

function WhenSignedIn({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  return me ? <>{children}</> : null;
}

/**
 * Renders `element` for a signed-in user (stub the API with stubApi first); `others` are
 * further pages by path, so a test can see where a link leads.
 */
export function renderSignedIn(element: ReactNode, others: Record<string, ReactNode> = {}) {
  const router = createMemoryRouter(
    [
      ...Object.entries(others).map(([path, el]) => ({ path, element: <WhenSignedIn>{el}</WhenSignedIn> })),
      { path: '*', element: <WhenSignedIn>{element}</WhenSignedIn> },
    ],
    { initialEntries: ['/'] },
  );
  return render(
    <Providers>
      <RouterProvider router={router} />
    </Providers>,
  );
}
