import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { jsonResponse, meOf, renderSignedIn, stubApi } from '../../test-utils/signed-in';
import { LinkedResourcesCard } from './LinkedResourcesCard';
import { ResourceLinksPanel } from './ResourceLinksPanel';
import type { EpisodeView, LinkedResource } from './queries';

jest.setTimeout(60000);

const EP = '00000000-0000-4000-8000-0000000000e1';
const R1 = '00000000-0000-4000-8000-0000000000b1';
const R2 = '00000000-0000-4000-8000-0000000000b2';
const HIDDEN = '00000000-0000-4000-8000-0000000000b9';
const R3 = '00000000-0000-4000-8000-0000000000b3';

function summary(id: string, title: string, kind: LinkedResource['kind'] = 'courseware'): LinkedResource {
  return {
    id,
    title,
    kind,
    subject: 'math',
    grades: [8],
    textbookId: null,
    chapterId: null,
    chapterTitle: null,
    tags: [],
    authorId: 'u1',
    authorName: '李明华',
    schoolId: 's1',
    schoolName: '木棉县第一实验学校',
    visibility: 'public',
    audience: 'everyone',
    reviewState: 'approved',
    reviewReason: null,
    viewCount: 0,
    downloadCount: 3,
    favouriteCount: 0,
    ratingCount: 0,
    ratingAverage: null,
    fileKind: 'pdf',
    thumbnailUrl: null,
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
  };
}

function episode(over: Partial<EpisodeView> = {}): EpisodeView {
  return {
    id: EP,
    seriesId: 's1',
    number: 2,
    title: '全等三角形的判定',
    description: '',
    chapterId: 'c12-1',
    chapterTitle: '第十二章 全等三角形 › 12.1 全等三角形',
    chapter: {
      id: 'c12-1',
      textbookId: 't8',
      textbook: '人教版 数学 八年级上册',
      path: ['第十二章 全等三角形', '12.1 全等三角形'],
    },
    teachingWeek: 2,
    resourceIds: [R1, HIDDEN, R2],
    publishAt: '2026-11-20T08:00:00.000Z',
    published: true,
    views: 0,
    durationS: null,
    playable: false,
    thumbnailUrl: null,
    markers: [],
    processing: null,
    ...over,
  };
}

describe('ResourceLinksPanel', () => {
  it('lists the linked resources the teacher can see, reorders, and adds from the library search', async () => {
    const requests = stubApi(meOf({ role: 'teacher', username: 'teacher.li' }), (req, url) => {
      if (url.pathname === `/api/lectures/episodes/${EP}/resources`)
        return jsonResponse(200, [summary(R1, '12.1 全等三角形 课件'), summary(R2, '12.1 课后练习', 'exercise')]);
      if (url.pathname === '/api/resources')
        return jsonResponse(200, {
          items: [summary(R1, '12.1 全等三角形 课件'), summary(R3, '三角形全等 判定 学案')],
          nextCursor: null,
        });
      if (url.pathname === `/api/lectures/episodes/${EP}` && req.method === 'PATCH') return jsonResponse(200, episode());
    });
    renderSignedIn(<ResourceLinksPanel episode={episode()} />);
    const panel = await screen.findByTestId('links-panel');
    await within(panel).findByText('12.1 全等三角形 课件');
    expect(within(panel).getByText('12.1 课后练习').closest('a')!.getAttribute('href')).toBe(`/resources/${R2}`);
    // one linked by another lecturer that this teacher may not see: counted, never named
    expect(within(panel).getByText('另有 1 个资源您无权查看（由其他主讲教师关联）')).toBeTruthy();

    // move the exercise up: the hidden one keeps its place at the end
    fireEvent.click(within(screen.getByTestId(`linked-${R2}`)).getByRole('button', { name: '上移' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1));
    expect(await requests.find((r) => r.method === 'PATCH')!.json()).toEqual({ resourceIds: [R2, R1, HIDDEN] });

    // search the library and add one; the already linked one says so
    fireEvent.click(screen.getByRole('button', { name: /添加资源/ }));
    const search = await screen.findByRole('searchbox', { name: '搜索标题、标签、作者' });
    fireEvent.change(search, { target: { value: '全等' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    const row = await screen.findByTestId(`pick-${R3}`);
    await waitFor(() => expect(requests.some((r) => new URL(r.url).searchParams.get('q') === '全等')).toBe(true));
    expect(within(screen.getByTestId(`pick-${R1}`)).getByRole('button', { name: /已添加/ })).toHaveProperty('disabled', true);
    fireEvent.click(within(row).getByRole('button', { name: /添\s*加/ }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(2));
    const patches = requests.filter((r) => r.method === 'PATCH');
    expect(await patches[1].json()).toEqual({ resourceIds: [R2, R1, R3, HIDDEN] });
  });
});

describe('LinkedResourcesCard', () => {
  it('shows the watch page’s courseware and exercises as cards linking to the library', async () => {
    stubApi(meOf({ role: 'student' }), (req, url) => {
      if (url.pathname === `/api/lectures/episodes/${EP}/resources`)
        return jsonResponse(200, [summary(R2, '12.1 课后练习', 'exercise')]);
    });
    renderSignedIn(<LinkedResourcesCard episodeId={EP} />);
    const card = await screen.findByTestId('linked-resources');
    expect(within(card).getByText('课件与习题')).toBeTruthy();
    expect(within(card).getByText('习题')).toBeTruthy();
    expect(within(card).getByRole('link', { name: '12.1 课后练习' }).getAttribute('href')).toBe(`/resources/${R2}`);
  });

  it('shows nothing when no linked resource is visible', async () => {
    const requests = stubApi(meOf({ role: 'student' }), (req, url) => {
      if (url.pathname === `/api/lectures/episodes/${EP}/resources`) return jsonResponse(200, []);
    });
    const { container } = renderSignedIn(<LinkedResourcesCard episodeId={EP} />);
    await waitFor(() => expect(requests.some((r) => r.url.endsWith('/resources'))).toBe(true));
    expect(container.querySelector('[data-testid="linked-resources"]')).toBeNull();
  });
});
