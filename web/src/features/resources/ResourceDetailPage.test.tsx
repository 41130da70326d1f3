import { screen } from '@testing-library/react';
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
    subject: '数学',
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

  it('labels chapters with their printed numbers', () => {
    expect(chapterLabel({ number: '1', title: '小蝌蚪找妈妈' })).toBe('1 小蝌蚪找妈妈');
    expect(chapterLabel({ number: '1.2', title: '1.2 有理数及其大小比较' })).toBe('1.2 有理数及其大小比较');
  });
});
