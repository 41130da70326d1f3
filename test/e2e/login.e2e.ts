import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, baseUrl, launch, newPage, screenshot, signIn } from './support/browser.js';

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

  it('signs a teacher in on a phone and keeps the session across a reload', async () => {
    const { page, context } = await newPage(browser, PHONE);
    await signIn(page, 'teacher.li');
    await page.getByText('李明华').first().waitFor();
    await page.reload();
    await page.getByText('李明华').first().waitFor();
    await context.close();
  });
});
