import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse, meOf, renderSignedIn, stubApi } from '../../test-utils/signed-in';
import type { UserView } from './queries';
import { UsersPage } from './UsersPage';

jest.setTimeout(60000);

function userOf(username: string, partial: Partial<UserView> = {}): UserView {
  return {
    id: `id-${username}`,
    username,
    displayName: username.toUpperCase(),
    role: 'student',
    schoolId: meOf().schoolId,
    groupId: null,
    phone: null,
    titles: [],
    grade: 3,
    status: 'active',
    needsGuardian: false,
    createdAt: '2026-11-22T10:00:00.000Z',
    ...partial,
  };
}

describe('UsersPage', () => {
  beforeEach(() => localStorage.clear());

  it('pages on with the server’s cursor and searches by name', async () => {
    const queries: URLSearchParams[] = [];
    stubApi(meOf(), (_req, url) => {
      if (url.pathname === '/api/schools') return jsonResponse(200, []);
      if (url.pathname === '/api/users') {
        queries.push(url.searchParams);
        if (url.searchParams.get('q')) return jsonResponse(200, { items: [userOf('lin.a')], nextCursor: null });
        if (url.searchParams.get('cursor') === 'after-b')
          return jsonResponse(200, { items: [userOf('c.c', { needsGuardian: true })], nextCursor: null });
        return jsonResponse(200, { items: [userOf('a.a'), userOf('b.b')], nextCursor: 'after-b' });
      }
    });
    renderSignedIn(<UsersPage />);
    expect(await screen.findByText('a.a')).toBeInTheDocument();
    expect(screen.queryByText('c.c')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /加载更多/ }));
    expect(await screen.findByText('c.c')).toBeInTheDocument();
    expect(screen.getByText('a.a')).toBeInTheDocument();
    expect(screen.getByText('待绑定家长')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /加载更多/ })).not.toBeInTheDocument();

    const search = screen.getByPlaceholderText('搜索姓名或用户名');
    fireEvent.change(search, { target: { value: 'lin' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(await screen.findByText('lin.a')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('a.a')).not.toBeInTheDocument());
    expect(queries.map((q) => [q.get('cursor'), q.get('q')])).toEqual([
      [null, null],
      ['after-b', null],
      [null, 'lin'],
    ]);
  });
});
