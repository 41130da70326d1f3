import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse, meOf, renderSignedIn, stubApi } from '../../test-utils/signed-in';
import { UserForm } from './UserForm';

jest.setTimeout(60000);

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function fieldOf(label: string): HTMLElement {
  return screen.getByLabelText(label).closest('.ant-form-item') as HTMLElement;
}

describe('UserForm', () => {
  beforeEach(() => localStorage.clear());

  it('shows the server’s field errors under the fields they concern', async () => {
    const bodies: unknown[] = [];
    stubApi(meOf(), async (req, url) => {
      if (url.pathname === '/api/users' && req.method === 'POST') {
        bodies.push(await req.json());
        return jsonResponse(400, {
          code: 'REQUEST_INVALID',
          message: '请求参数有误',
          fields: [
            { field: 'username', message: '用户名 stu.new 已被使用' },
            { field: 'phone', message: '手机号已被其他账号使用' },
          ],
        });
      }
    });
    const onDone = jest.fn();
    renderSignedIn(<UserForm onDone={onDone} />);
    await screen.findByLabelText('用户名');
    fill('用户名', 'stu.new');
    fill('姓名', '林小满');
    fill('初始密码', 'chushi2026');
    fill('手机号', '13900000009');
    fill('年级', '4');
    await userEvent.click(screen.getByRole('button', { name: /新建账号/ }));

    await waitFor(() => expect(fieldOf('用户名')).toHaveTextContent('用户名 stu.new 已被使用'));
    expect(fieldOf('手机号')).toHaveTextContent('手机号已被其他账号使用');
    expect(fieldOf('姓名')).not.toHaveTextContent('已被');
    expect(onDone).not.toHaveBeenCalled();
    // a school admin's new student goes to their own school, with the grade as a number
    expect(bodies).toEqual([
      {
        role: 'student',
        username: 'stu.new',
        displayName: '林小满',
        password: 'chushi2026',
        schoolId: meOf().schoolId,
        phone: '13900000009',
        grade: 4,
      },
    ]);
  });

  it('shows a server error that belongs to no field above the form', async () => {
    stubApi(meOf(), (req, url) => {
      if (url.pathname === '/api/users' && req.method === 'POST')
        return jsonResponse(403, { code: 'USER_ROLE_NOT_ALLOWED', message: '您不能创建该角色的账号' });
    });
    renderSignedIn(<UserForm onDone={jest.fn()} />);
    await screen.findByLabelText('用户名');
    fill('用户名', 'stu.x');
    fill('姓名', '某人');
    fill('初始密码', 'chushi2026');
    fill('年级', '2');
    await userEvent.click(screen.getByRole('button', { name: /新建账号/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('您不能创建该角色的账号');
  });

  it('refuses a weak password and a bad username before asking the server', async () => {
    const requests = stubApi(meOf(), () => undefined);
    renderSignedIn(<UserForm onDone={jest.fn()} />);
    await screen.findByLabelText('用户名');
    fill('用户名', '张三');
    fill('姓名', '张三');
    fill('初始密码', 'abcdefgh');
    await userEvent.click(screen.getByRole('button', { name: /新建账号/ }));
    await waitFor(() => expect(fieldOf('初始密码')).toHaveTextContent('密码需为 8–72 位，且同时包含字母和数字'));
    expect(fieldOf('用户名')).toHaveTextContent('用户名需为 3–64 位字母、数字或 _.-');
    expect(requests.filter((r) => new URL(r.url).pathname === '/api/users')).toHaveLength(0);
  });

  it('asks a teacher for titles and a student for a grade', async () => {
    stubApi(meOf(), () => undefined);
    renderSignedIn(<UserForm onDone={jest.fn()} />);
    expect(await screen.findByLabelText('年级')).toBeInTheDocument();
    expect(screen.queryByLabelText('称号')).not.toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('角色'));
    await userEvent.click(await screen.findByTitle('教师'));
    expect(await screen.findByLabelText('称号')).toBeInTheDocument();
    expect(screen.queryByLabelText('年级')).not.toBeInTheDocument();
  });
});
