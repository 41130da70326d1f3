import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, baseUrl, launch, newPage, screenshot, signIn } from './support/browser.js';

const SERIES = '名师辅导讲堂 · 初中数学 · 八年级上册';

const videoState = (page: Page) =>
  page.evaluate(() => {
    const v = document.querySelector<HTMLVideoElement>('[data-testid="lecture-video"]')!;
    return { t: v.currentTime, h: v.videoHeight, rate: v.playbackRate, paused: v.paused };
  });

/** The demo seed queues three transcodes at start; wait until episode 1 is watchable. */
async function openFirstEpisode(page: Page): Promise<void> {
  await page.goto(`${baseUrl()}/lectures`);
  const card = page.locator('a[href^="/lectures/series/"]', { hasText: SERIES }).first();
  await card.waitFor();
  await page.goto(`${baseUrl()}${await card.getAttribute('href')}`);
  const started = Date.now();
  for (;;) {
    const watch = page.locator('[data-testid="watch-1"]');
    await page.locator('.ant-list-item').first().waitFor();
    if (await watch.count()) {
      await page.goto(`${baseUrl()}${await watch.getAttribute('href')}`);
      break;
    }
    if (Date.now() - started > 240_000) throw new Error('demo episode never became playable');
    await page.waitForTimeout(2000);
    await page.reload();
  }
  await page.locator('[data-testid="lecture-video"]').waitFor();
}

/** Starts playback (muted: autoplay policy) and waits until the picture's clock passes 1 s. */
async function playUntilTimeAdvances(page: Page): Promise<void> {
  await page.evaluate(() => {
    const v = document.querySelector<HTMLVideoElement>('[data-testid="lecture-video"]')!;
    v.muted = true;
    void v.play();
  });
  await page.waitForFunction(
    () => document.querySelector<HTMLVideoElement>('[data-testid="lecture-video"]')!.currentTime > 1,
    null,
    { timeout: 30_000 },
  );
}

async function choose(page: Page, testId: string, option: string) {
  await page.locator(`[data-testid="${testId}"]`).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

describe('lecture playback in Chromium (hls.js)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser.close());

  it('plays, switches quality, changes speed, seeks to a chapter, and resumes after a reload', async () => {
    const { page, context } = await newPage(browser, DESKTOP);
    await signIn(page, 'student.chen');
    await page.goto(`${baseUrl()}/lectures`);
    await page.getByText(SERIES).first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'lectures-home-desktop');
    await openFirstEpisode(page);

    // play (muted: autoplay policy) and check time advances
    await playUntilTimeAdvances(page);

    // quality menu: Auto + 480p/360p/240p; pick 240p and see the picture height change
    await choose(page, 'quality', '240p');
    await page.waitForFunction(
      () => document.querySelector<HTMLVideoElement>('[data-testid="lecture-video"]')!.videoHeight === 240,
      null,
      {
        timeout: 30_000,
      },
    );

    // speed
    await choose(page, 'speed', '1.5×');
    expect((await videoState(page)).rate).toBe(1.5);

    // chapter marker on the timeline (第1讲: 8 s = 重难点：内角和定理)
    await page.locator('[data-testid="marker-1"]').click();
    await page.waitForFunction(
      () => {
        const t = document.querySelector<HTMLVideoElement>('[data-testid="lecture-video"]')!.currentTime;
        return t >= 7.9 && t < 11;
      },
      null,
      { timeout: 10_000 },
    );
    await page.locator('[data-testid="lecture-timeline"]').hover({ position: { x: 60, y: 7 } });
    // the storyboard comes with the finished ladder; the page picks it up without a reload
    await page.locator('[data-testid="storyboard-preview"]').waitFor({ timeout: 90_000 });
    await screenshot(page, 'lectures-player-desktop');
    await page.evaluate(() => document.querySelector<HTMLVideoElement>('[data-testid="lecture-video"]')!.pause());
    const at = (await videoState(page)).t;
    // the pause sends a heartbeat; the server batches writes every 2 s
    await page.waitForTimeout(3000);

    await page.reload();
    await page.locator('[data-testid="resumed"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector<HTMLVideoElement>('[data-testid="lecture-video"]')!.readyState >= 1);
    const after = await videoState(page);
    expect(Math.abs(after.t - at)).toBeLessThan(1.5);
    expect(after.rate).toBe(1.5); // remembered
    await context.close();
  }, 300_000);

  it('without Media Source (Safari/iOS native HLS) plays through the signed link, sending no token', async () => {
    const { page, context } = await newPage(browser, PHONE);
    // what Safari on an iPhone looks like to hls.js: no MSE, but the video element plays HLS itself
    await context.addInitScript(() => {
      for (const k of ['MediaSource', 'ManagedMediaSource', 'WebKitMediaSource'])
        delete (window as unknown as Record<string, unknown>)[k];
    });
    const playlists: { url: string; auth: string | undefined }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('.m3u8')) playlists.push({ url: r.url(), auth: r.headers()['authorization'] });
    });
    await signIn(page, 'student.chen');
    await openFirstEpisode(page);
    await playUntilTimeAdvances(page);
    expect(playlists.length).toBeGreaterThanOrEqual(2); // master + a media playlist
    for (const p of playlists) {
      expect(p.url).toMatch(/\/api\/lectures\/play\/[A-Za-z0-9_-]{91}\/[a-z0-9]+\.m3u8$/);
      expect(p.auth).toBeUndefined();
    }
    await context.close();
  }, 300_000);

  it('looks right on a phone, and a teacher sees the episode management page with its stats', async () => {
    const { page, context } = await newPage(browser, PHONE);
    await signIn(page, 'student.chen');
    await page.goto(`${baseUrl()}/lectures`);
    await page.getByText(SERIES).first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'lectures-home-phone');
    await openFirstEpisode(page);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'lectures-player-phone');
    await context.close();

    const t = await newPage(browser, DESKTOP);
    await signIn(t.page, 'teacher.li');
    await openFirstEpisode(t.page);
    await t.page.getByRole('button', { name: /管\s*理/ }).click();
    await t.page.locator('[data-testid="episode-stats"]').waitFor();
    await t.page.getByText('观看次数').first().waitFor();
    await t.page.locator('[data-testid="video-status"]', { hasText: '已就绪' }).waitFor();
    await t.page.waitForLoadState('networkidle');
    await screenshot(t.page, 'lectures-manage-desktop');
    await t.context.close();
  }, 300_000);

  it('a teacher links courseware to an episode, a student sees only what is open to students, the group admin edits the term calendar', async () => {
    const shared = '2.1 有理数的加法 分层练习'; // everyone
    const teachersOnly = '1.1 正数和负数 第1课时 教案'; // teachers only
    const t = await newPage(browser, DESKTOP);
    await signIn(t.page, 'teacher.li');
    await openFirstEpisode(t.page);
    await t.page.goto(`${t.page.url()}/manage`);
    await t.page.locator('[data-testid="chapter-panel"]', { hasText: '三角形' }).waitFor();
    const panel = t.page.locator('[data-testid="links-panel"]');
    await panel.getByRole('button', { name: /添加资源/ }).click();
    const drawer = t.page.getByRole('dialog');
    await drawer.getByText('仅本章节').click(); // the demo resources are filed under 七年级
    for (const title of [shared, teachersOnly]) {
      await drawer
        .locator('.ant-list-item', { hasText: title })
        .getByRole('button', { name: /添\s*加/ })
        .click();
      await panel.getByText(title).waitFor();
    }
    await t.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await t.page.waitForLoadState('networkidle');
    await screenshot(t.page, 'lectures-manage-links-desktop');
    await t.page.setViewportSize(PHONE);
    await screenshot(t.page, 'lectures-manage-links-phone');
    await t.page.goto(`${baseUrl()}${await t.page.locator('.page-header a[href^="/lectures/series/"]').getAttribute('href')}`);
    await t.page.setViewportSize(DESKTOP);
    await t.page.locator('.lecture-chapter-tag').first().waitFor();
    await screenshot(t.page, 'lectures-series-chapters-desktop');
    await t.context.close();

    const s = await newPage(browser, PHONE);
    await signIn(s.page, 'student.chen');
    await openFirstEpisode(s.page);
    const cards = s.page.locator('[data-testid="linked-resources"]');
    await cards.getByText(shared).waitFor();
    expect(await cards.getByText(teachersOnly).count()).toBe(0);
    expect(await s.page.locator('[data-testid="episode-chapter"]').textContent()).toMatch(/第.+章 .*三角形/);
    await s.page.waitForLoadState('networkidle');
    await screenshot(s.page, 'lectures-watch-resources-phone');
    await s.page.setViewportSize(DESKTOP);
    await screenshot(s.page, 'lectures-watch-resources-desktop');
    await s.context.close();

    const g = await newPage(browser, DESKTOP);
    await signIn(g.page, 'group.admin');
    await g.page.goto(`${baseUrl()}/lectures`);
    await g.page.getByRole('button', { name: /教学周历/ }).click();
    await g.page.locator('[data-testid="week-table"] tr.lecture-week-current', { hasText: '第 3 周' }).waitFor();
    await screenshot(g.page, 'lectures-calendar-desktop');
    await g.page.setViewportSize(PHONE);
    await screenshot(g.page, 'lectures-calendar-phone');
    await g.context.close();
  }, 300_000);
});
