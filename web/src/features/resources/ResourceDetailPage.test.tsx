import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { jsonResponse, meOf, renderSignedIn, stubApi } from '../../test-utils/signed-in';
import { chapterLabel } from './queries';
import { ResourceDetail } from './ResourceDetailPage';

jest.setTimeout(60000);

const ID = '00000000-0000-4000-8000-0000000000f1';
const version = (n: number, over: Record<string, unknown> = {}) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  fileId: 'f1',
  number: n,
  fileName: '有理数.pptx',
  size: 20480,
  mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  fileKind: 'presentation',
  changeNote: n === 2 ? '修正例题' : '',
  createdBy: 'u1',
  createdByName: '李明华',
  createdAt: '2026-11-20T08:00:00.000Z',
  previewState: 'unavailable',
  ...over,
});

function detail(over: Record<string, unknown> = {}) {
  const v2 = version(2);
  return {
    id: ID,
    title: '有理数的大小比较 课件',
    kind: 'courseware',
    subject: 'math',
    grades: [7],
    textbookId: null,
    chapterId: null,
    chapterTitle: null,
    tags: ['新课标'],
    authorId: 'u1',
    authorName: '李明华',
    schoolId: 's1',
    schoolName: '木棉县第一实验学校',
    visibility: 'group',
    audience: 'teachers_only',
    reviewState: 'rejected',
    reviewReason: '请补充课后练习',
    viewCount: 3,
    downloadCount: 2,
    favouriteCount: 1,
    ratingCount: 0,
    ratingAverage: null,
    fileKind: 'presentation',
    thumbnailUrl: null,
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    description: '',
    license: 'cc_by_nc',
    textbook: null,
    chapterPath: [],
    files: [{ id: 'f1', position: 1, latest: v2, versions: [v2, version(1)] }],
    favourite: false,
    myRating: null,
    canEdit: true,
    canReview: false,
    ...over,
  };
}

describe('ResourceDetailPage', () => {
  beforeEach(() => localStorage.clear());

  it('says the preview is not available (download still offered), shows versions and the rejection reason', async () => {
    stubApi(meOf({ role: 'teacher', username: 'teacher.li', displayName: '李明华' }), (req, url) => {
      if (url.pathname === `/api/resources/${ID}`) return jsonResponse(200, detail());
      if (url.pathname.endsWith('/preview'))
        return jsonResponse(200, { mode: 'none', state: 'unavailable', url: null, expiresAt: null });
      if (url.pathname.endsWith('/ratings')) return jsonResponse(200, []);
    });
    renderSignedIn(<ResourceDetail id={ID} />);
    expect(await screen.findByText('该文件暂不支持在线预览，请下载查看')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /下\s*载/ }).length).toBeGreaterThan(0);
    expect(screen.getByText('审核意见：请补充课后练习')).toBeTruthy();
    expect(screen.getByText('第 2 版')).toBeTruthy();
    expect(screen.getByText('修正例题')).toBeTruthy();
    expect(screen.getByText('第 1 版')).toBeTruthy();
  });

  it('shows a PDF in the browser viewer through the short-lived URL', async () => {
    const pdf = version(1, { fileName: '学案.pdf', fileKind: 'pdf', previewState: 'ready' });
    stubApi(meOf({ role: 'student' }), (req, url) => {
      if (url.pathname === `/api/resources/${ID}`)
        return jsonResponse(
          200,
          detail({
            canEdit: false,
            reviewState: 'approved',
            reviewReason: null,
            files: [{ id: 'f1', position: 1, latest: pdf, versions: [pdf] }],
          }),
        );
      if (url.pathname.endsWith('/preview'))
        return jsonResponse(200, {
          mode: 'pdf',
          state: 'ready',
          url: 'http://s3.local/b/k?X-Amz-Expires=300',
          expiresAt: '2026-11-20T08:05:00.000Z',
        });
      if (url.pathname.endsWith('/ratings')) return jsonResponse(200, []);
    });
    renderSignedIn(<ResourceDetail id={ID} />);
    const frame = await screen.findByTestId('preview-frame');
    expect(frame.getAttribute('src')).toBe('http://s3.local/b/k?X-Amz-Expires=300');
    // students cannot rate, nor delete
    expect(screen.queryByText('提交评价')).toBeNull();
    expect(screen.queryByRole('button', { name: /删\s*除/ })).toBeNull();
  });

  it('edits the details: field errors from the API show on the fields; saved values shown; back to review said', async () => {
    const BOOK = '00000000-0000-4000-8000-0000000000b1';
    let current = detail({ visibility: 'school', reviewState: 'none', reviewReason: null });
    const patches: Record<string, unknown>[] = [];
    stubApi(meOf({ role: 'teacher', username: 'teacher.li', displayName: '李明华' }), async (req, url) => {
      if (url.pathname === `/api/resources/${ID}` && req.method === 'PATCH') {
        const body = (await req.json()) as Record<string, unknown>;
        patches.push(body);
        if (patches.length === 1)
          return jsonResponse(400, {
            code: 'BAD_REQUEST',
            message: '输入有误',
            fields: [{ field: 'title', message: '标题已被占用' }],
          });
        current = { ...current, ...body, reviewState: 'pending', textbook: null, chapterPath: [] };
        return jsonResponse(200, current);
      }
      if (url.pathname === `/api/resources/${ID}`) return jsonResponse(200, current);
      if (url.pathname === '/api/textbooks')
        return jsonResponse(200, [
          {
            id: BOOK,
            subject: 'math',
            edition: '人教版',
            publisher: '人民教育出版社',
            stage: '初中',
            grade: 7,
            term: 'first',
            volume: '七年级上册',
            revision: '2024',
            confidence: 'high',
          },
        ]);
      if (url.pathname === `/api/textbooks/${BOOK}/chapters`) return jsonResponse(200, { chapters: [], resourceCount: 0 });
      if (url.pathname.endsWith('/preview'))
        return jsonResponse(200, { mode: 'none', state: 'unavailable', url: null, expiresAt: null });
      if (url.pathname.endsWith('/ratings')) return jsonResponse(200, []);
    });
    renderSignedIn(<ResourceDetail id={ID} />);
    fireEvent.click(await screen.findByRole('button', { name: /编辑信息/ }));
    const dialog = await screen.findByRole('dialog');
    const title = within(dialog).getByLabelText('标题') as HTMLInputElement;
    expect(title.value).toBe('有理数的大小比较 课件');
    fireEvent.change(title, { target: { value: '有理数的大小比较（修订）' } });
    fireEvent.click(within(dialog).getByLabelText('集团内'));
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('标题已被占用')).toBeTruthy();
    expect(patches[0]).toMatchObject({
      title: '有理数的大小比较（修订）',
      subject: 'math',
      grades: [7],
      textbookId: null,
      chapterId: null,
      tags: ['新课标'],
      visibility: 'group',
      audience: 'teachers_only',
      license: 'cc_by_nc',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('修改已保存。资源已重新提交审核，审核通过后其他学校才能看到。')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('heading', { name: '有理数的大小比较（修订）' })).toBeTruthy());
    expect(screen.getAllByText('集团内').length).toBeGreaterThan(0);
  });

  it('labels chapters with their printed numbers', () => {
    expect(chapterLabel({ number: '1', title: '小蝌蚪找妈妈' })).toBe('1 小蝌蚪找妈妈');
    expect(chapterLabel({ number: '1.2', title: '1.2 有理数及其大小比较' })).toBe('1.2 有理数及其大小比较');
  });
});
