import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Providers } from '../../app/Providers';
import { jsonResponse, meOf, renderSignedIn, stubApi } from '../../test-utils/signed-in';
import { ImportReport } from './ImportReport';
import { ImportPage } from './ImportPage';
import type { ImportView } from './queries';

jest.setTimeout(60000);

const SCHOOL = '00000000-0000-4000-8000-0000000000a1';
const IMPORT = '00000000-0000-4000-8000-0000000000f1';

function importOf(partial: Partial<ImportView>): ImportView {
  return {
    id: IMPORT,
    schoolId: SCHOOL,
    status: 'queued',
    total: 0,
    processed: 0,
    createdCount: 0,
    errors: [],
    failureReason: null,
    credentialsUrl: null,
    createdAt: '2026-11-22T10:00:00.000Z',
    ...partial,
  };
}

describe('CSV import of users', () => {
  beforeEach(() => localStorage.clear());

  it('uploads the file for the admin’s school, follows the progress and reports each bad row', async () => {
    const polls = [
      importOf({ status: 'running', total: 3, processed: 1 }),
      importOf({
        status: 'failed',
        total: 3,
        processed: 3,
        errors: [
          { row: 2, field: 'grade', message: '学生的年级必须是 1–12' },
          { row: 3, field: 'username', message: '用户名已存在' },
        ],
      }),
    ];
    let uploaded: FormData | null = null;
    stubApi(meOf(), async (req, url) => {
      if (url.pathname === '/api/user-imports' && req.method === 'POST') {
        uploaded = await req.formData();
        return jsonResponse(200, importOf({ status: 'queued' }));
      }
      if (url.pathname === `/api/user-imports/${IMPORT}`) return jsonResponse(200, polls.length > 1 ? polls.shift() : polls[0]);
      if (url.pathname === '/api/user-imports') return jsonResponse(200, []);
    });
    renderSignedIn(<ImportPage pollMs={20} />);
    const csv = new File(['用户名,姓名,角色,年级\nstu.a,甲,学生,3\nstu.b,乙,学生,15\nstudent.chen,丙,学生,2\n'], 'students.csv', {
      type: 'text/csv',
    });
    const input = (await screen.findByText('点击或拖入 CSV 文件')).closest('.ant-upload')!.querySelector('input[type=file]')!;
    await userEvent.upload(input as HTMLInputElement, csv);
    await userEvent.click(screen.getByRole('button', { name: /开始导入/ }));

    const report = await screen.findByText('2 行有 2 处错误', {}, { timeout: 15000 });
    expect(report).toBeInTheDocument();
    expect(screen.getByText('本次没有创建任何账号。请按下表修改 CSV 后重新上传。')).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['第 2 行', '年级', '学生的年级必须是 1–12'],
      ['第 3 行', '用户名', '用户名已存在'],
    ]);
    expect(uploaded!.get('schoolId')).toBe(SCHOOL);
    expect(await (uploaded!.get('file') as File).text()).toContain('stu.b,乙,学生,15');
  });

  it('shows the server’s refusal of a file that is not a user CSV, and starts nothing', async () => {
    stubApi(meOf(), (req, url) => {
      if (url.pathname === '/api/user-imports' && req.method === 'POST')
        return jsonResponse(400, { code: 'IMPORT_MISSING_COLUMNS', message: 'CSV 缺少必需的列：role' });
      if (url.pathname === '/api/user-imports') return jsonResponse(200, []);
    });
    renderSignedIn(<ImportPage pollMs={20} />);
    const input = (await screen.findByText('点击或拖入 CSV 文件')).closest('.ant-upload')!.querySelector('input[type=file]')!;
    await userEvent.upload(input as HTMLInputElement, new File(['用户名,姓名\na.b,甲\n'], 'x.csv', { type: 'text/csv' }));
    await userEvent.click(screen.getByRole('button', { name: /开始导入/ }));
    expect(await screen.findByText('CSV 缺少必需的列：role')).toBeInTheDocument();
    expect(screen.queryByText('导入结果')).not.toBeInTheDocument();
  });

  it('on success shows how many accounts were created and links the initial passwords', () => {
    render(
      <Providers>
        <ImportReport
          imp={importOf({
            status: 'done',
            total: 40,
            processed: 40,
            createdCount: 40,
            credentialsUrl: 'http://s3.local/bucket/imports/users/x/credentials.csv?X-Amz-Signature=abc',
          })}
        />
      </Providers>,
    );
    expect(screen.getByText('导入成功，共创建 40 个账号')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /下载初始密码表/ })).toHaveAttribute(
      'href',
      'http://s3.local/bucket/imports/users/x/credentials.csv?X-Amz-Signature=abc',
    );
  });

  it('shows the progress of a running import', () => {
    render(
      <Providers>
        <ImportReport imp={importOf({ status: 'running', total: 200, processed: 50 })} />
      </Providers>,
    );
    expect(screen.getByText('正在校验和创建：50 / 200')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25');
  });

  it('says why an import failed as a whole, when no row is to blame', () => {
    render(
      <Providers>
        <ImportReport
          imp={importOf({
            status: 'failed',
            failureReason: '导入未能完成（已多次重试），没有创建任何账号；请重新上传文件，仍失败请联系管理员',
          })}
        />
      </Providers>,
    );
    expect(
      screen.getByText('导入未能完成（已多次重试），没有创建任何账号；请重新上传文件，仍失败请联系管理员'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
