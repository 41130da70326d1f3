import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, baseUrl, launch, newPage, screenshot, signIn } from './support/browser.js';

/** What each demo role must see on its own home page, and must not. */
const ROLES: { username: string; file: string; sees: string[]; notSees: string[] }[] = [
  {
    username: 'admin',
    file: 'platform-admin',
    sees: ['平台管理员，您好', '管理概览', '木棉县城乡教育共同体'],
    notSees: ['我的孩子'],
  },
  { username: 'group.admin', file: 'group-admin', sees: ['周主任，您好', '管理概览', '柳溪村小学'], notSees: ['我的孩子'] },
  { username: 'school.admin', file: 'school-admin', sees: ['赵校长，您好', '管理概览', '家长'], notSees: ['我的孩子'] },
  {
    username: 'teacher.li',
    file: 'teacher',
    sees: ['李明华，您好', '名师', '所在教育集团', '青石镇初级中学'],
    notSees: ['管理概览'],
  },
  {
    username: 'student.chen',
    file: 'student',
    sees: ['陈小雨，您好', '青石镇初级中学', '8 年级'],
    notSees: ['管理概览', '账号管理'],
  },
  { username: 'parent.chen', file: 'parent', sees: ['陈建国，您好', '我的孩子', '陈小雨'], notSees: ['管理概览', '账号管理'] },
];

async function expectHome(page: Page, sees: string[], notSees: string[]) {
  for (const text of sees) await page.getByText(text, { exact: true }).first().waitFor({ timeout: 20000 });
  await page.waitForLoadState('networkidle');
  for (const text of notSees) expect(await page.getByText(text, { exact: true }).count()).toBe(0);
}

describe('sign-in and home pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser.close());

  it('shows the login page in Chinese and refuses a wrong password', async () => {
    const { page, context } = await newPage(browser, DESKTOP);
    await page.goto(`${baseUrl()}/`);
    await page.waitForURL('**/login');
    await page.getByText('登录木棉').waitFor();
    await screenshot(page, 'login-desktop');
    await page.getByLabel('用户名或手机号').fill('teacher.li');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('用户名或密码错误').waitFor();
    await context.close();
  });

  it('shows the login page on a phone and switches to English', async () => {
    const { page, context } = await newPage(browser, PHONE);
    await page.goto(`${baseUrl()}/login`);
    await page.getByText('登录木棉').waitFor();
    await screenshot(page, 'login-phone');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Sign in to Mumian').waitFor();
    await page.getByLabel('Username or phone').fill('nobody.here');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // the server answers in the chosen language too
    await page.getByText('Wrong username or password').waitFor();
    await context.close();
  });

  it('signs a teacher in on a phone and keeps the session across a reload', async () => {
    const { page, context } = await newPage(browser, PHONE);
    await signIn(page, 'teacher.li');
    await page.getByText('李明华，您好').waitFor();
    await page.reload();
    await page.getByText('李明华，您好').waitFor();
    await context.close();
  });

  for (const role of ROLES) {
    it(`shows ${role.username} their own home page at desktop and phone width`, async () => {
      for (const [viewport, suffix] of [
        [DESKTOP, 'desktop'],
        [PHONE, 'phone'],
      ] as const) {
        const { page, context } = await newPage(browser, viewport);
        await signIn(page, role.username);
        await expectHome(page, role.sees, role.notSees);
        await screenshot(page, `home-${role.file}-${suffix}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await context.close();
      }
    });
  }
});
