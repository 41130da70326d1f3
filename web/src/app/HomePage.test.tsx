import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse, meOf, renderSignedIn, stubApi } from '../test-utils/signed-in';
import { HomePage, homeCardsFor } from './HomePage';

jest.setTimeout(60000);

const GROUP = {
  id: '00000000-0000-4000-8000-0000000000b1',
  name: '木棉县城乡教育共同体',
  kind: 'urban_rural',
  region: '木棉县',
  coreSchoolId: 'a1',
  schools: [
    { id: 'a1', name: '木棉县第一实验学校', code: 'MM-SY1', locality: 'urban', stage: 'nine_year', district: '', role: 'core' },
    { id: 'a3', name: '柳溪村小学', code: 'MM-LXC', locality: 'rural', stage: 'primary', district: '', role: 'member' },
  ],
};

describe('HomePage', () => {
  beforeEach(() => localStorage.clear());

  it('shows a parent their linked children and nothing for admins', async () => {
    const requests = stubApi(meOf({ role: 'parent', displayName: '陈建国', schoolId: null, schoolName: null }), (_req, url) => {
      if (url.pathname === '/api/me/children')
        return jsonResponse(200, [{ id: 'c1', displayName: '陈小雨', grade: 8, schoolName: '青石镇初级中学' }]);
    });
    renderSignedIn(<HomePage />);
    expect(await screen.findByText('陈建国，您好')).toBeInTheDocument();
    expect(await screen.findByText('陈小雨', { selector: '.child-name' })).toBeInTheDocument();
    expect(screen.getByText('青石镇初级中学 · 8 年级')).toBeInTheDocument();
    const paths = requests.map((r) => new URL(r.url).pathname);
    expect(paths).not.toContain('/api/users');
    expect(paths).not.toContain('/api/groups');
  });

  it('asks a user with an initial password to change it, and takes them there', async () => {
    stubApi(meOf({ role: 'teacher', displayName: '王芳', mustChangePassword: true }), (_req, url) => {
      if (url.pathname === '/api/groups') return jsonResponse(200, [GROUP]);
    });
    renderSignedIn(<HomePage />, { '/account/password': <p>the password page</p> });
    expect(await screen.findByText('您正在使用初始密码，请先修改密码。')).toBeInTheDocument();
    // the teacher's group with core/member schools and their locality
    expect(await screen.findByText('木棉县城乡教育共同体')).toBeInTheDocument();
    const rural = screen.getByText('柳溪村小学').closest('li')!;
    expect(rural).toHaveTextContent('成员校');
    expect(rural).toHaveTextContent('农村');
    await userEvent.click(screen.getByRole('button', { name: /立即修改/ }));
    expect(await screen.findByText('the password page')).toBeInTheDocument();
  });

  it('tells a student without a guardian what they can still do', async () => {
    stubApi(meOf({ role: 'student', displayName: '小林', restricted: true, grade: 3 }), () => undefined);
    renderSignedIn(<HomePage />);
    expect(await screen.findByText(/你的账号还没有绑定家长/)).toBeInTheDocument();
    expect(screen.queryByText('您正在使用初始密码，请先修改密码。')).not.toBeInTheDocument();
  });

  it('orders feature cards for the role by their order', () => {
    const cards = homeCardsFor('teacher', [
      { key: 'b', roles: ['teacher'], order: 20, element: null },
      { key: 'x', roles: ['student'], order: 1, element: null },
      { key: 'a', roles: ['teacher', 'student'], order: 10, element: null },
      { key: 'c', roles: ['teacher'], element: null },
    ]);
    expect(cards.map((c) => c.key)).toEqual(['a', 'b', 'c']);
  });
});
