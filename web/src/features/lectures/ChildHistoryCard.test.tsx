import { render, screen } from '@testing-library/react';
import { Providers } from '../../app/Providers';
import { ChildHistoryCard } from './ChildHistoryCard';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('ChildHistoryCard', () => {
  it("shows each linked child's lectures with how much was watched", async () => {
    globalThis.fetch = jest.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/me/children')
        return json(200, [{ id: 'c1', displayName: '陈小雨', grade: 8, schoolName: '青石镇初级中学' }]);
      if (path === '/api/lectures/children/c1/history')
        return json(200, [
          {
            episodeId: 'e1',
            seriesId: 's1',
            seriesTitle: '名师辅导讲堂 · 初中数学',
            number: 2,
            title: '全等三角形',
            positionS: 300,
            durationS: 600,
            watchedS: 600,
            completed: true,
            lastAt: '2026-11-20T10:00:00Z',
            thumbnailUrl: null,
          },
        ]);
      return json(401, { code: 'AUTH_REQUIRED', message: '请先登录' });
    }) as unknown as typeof fetch;
    render(
      <Providers>
        <ChildHistoryCard />
      </Providers>,
    );
    expect(await screen.findByText('孩子的观看记录')).toBeInTheDocument();
    expect(await screen.findByText(/全等三角形/)).toBeInTheDocument();
    expect(screen.getByText('陈小雨')).toBeInTheDocument();
    expect(screen.getByText('已看完')).toBeInTheDocument();
    expect(screen.getByText('已看 10:00')).toBeInTheDocument();
  });
});
