import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, baseUrl, launch, newPage, screenshot, signIn } from './support/browser.js';

const HEADER = '用户名,姓名,角色,年级,出生日期';
const suffix = Date.now().toString(36).slice(-5);

async function uploadCsv(page: Page, name: string, csv: string) {
  await page.locator('.ant-upload input[type=file]').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await page.getByRole('button', { name: /开始导入/ }).click();
}

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('administration', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser.close());

  it('lets a school admin import students from CSV: a bad row is reported and nothing is created, a good file creates everyone', async () => {
    const { page, context } = await newPage(browser, DESKTOP);
    await signIn(page, 'school.admin');
    await page.getByRole('menuitem', { name: /批量导入/ }).click();
    await page.getByText('批量导入账号').waitFor();

    const bad = `${HEADER}\nimp.ok.${suffix},张一,学生,3,2017-09-01\nimp.bad.${suffix},张二,学生,15,2017-13-40\n`;
    await uploadCsv(page, 'bad.csv', bad);
    await page.getByText('1 行有 2 处错误').waitFor({ timeout: 60000 });
    const rows = page.locator('.ant-table-tbody tr');
    await expect(rows.filter({ hasText: '年级' }).first().innerText()).resolves.toContain('第 2 行');
    await expect(rows.filter({ hasText: '出生日期' }).first().innerText()).resolves.toContain('第 2 行');
    await screenshot(page, 'admin-import-errors-desktop');

    const good =
      `${HEADER}\n` + [1, 2, 3].map((i) => `imp.s${i}.${suffix},学生${i}号,学生,${i + 2},${2015 + i}-09-01`).join('\n') + '\n';
    await uploadCsv(page, 'good.csv', good);
    await page.getByText('导入成功，共创建 3 个账号').waitFor({ timeout: 60000 });
    const download = page.getByRole('link', { name: /下载初始密码表/ });
    expect(await download.getAttribute('href')).toMatch(/credentials\.csv/);
    const credentials = await page.evaluate(async (href) => (await fetch(href!)).text(), await download.getAttribute('href'));
    expect(credentials).toContain(`imp.s1.${suffix}`);
    await screenshot(page, 'admin-import-done-desktop');

    // the bad file created nobody, the good one everybody
    await page.goto(`${baseUrl()}/admin/users`);
    await page.getByPlaceholder('搜索姓名或用户名').fill(suffix);
    await page.getByPlaceholder('搜索姓名或用户名').press('Enter');
    for (const i of [1, 2, 3]) await page.getByText(`imp.s${i}.${suffix}`).waitFor();
    expect(await page.getByText(`imp.ok.${suffix}`).count()).toBe(0);
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(3);
    await context.close();
  });

  it('lets a school admin create a student whose username is taken only with the server’s error on the field', async () => {
    const { page, context } = await newPage(browser, DESKTOP);
    await signIn(page, 'school.admin');
    await page.goto(`${baseUrl()}/admin/users`);
    await page.getByRole('button', { name: /新建账号/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('teacher.li');
    await dialog.getByLabel('姓名').fill('重名测试');
    await dialog.getByLabel('初始密码').fill('chushi2026');
    await dialog.getByLabel('年级').fill('5');
    await dialog.getByRole('button', { name: /新建账号/ }).click();
    await dialog.getByText('用户名 teacher.li 已被使用').waitFor();
    await screenshot(page, 'admin-user-form-error-desktop');
    await dialog.getByLabel('用户名').fill(`new.stu.${suffix}`);
    await dialog.getByRole('button', { name: /新建账号/ }).click();
    await page.getByText(`已创建账号 重名测试（new.stu.${suffix}）`).waitFor();
    await context.close();

    // the new student signs in with the initial password and is asked to change it
    const student = await newPage(browser, PHONE);
    await signIn(student.page, `new.stu.${suffix}`, 'chushi2026');
    await student.page.getByText('您正在使用初始密码，请先修改密码。').waitFor();
    await student.page.getByRole('button', { name: /立即修改/ }).click();
    await student.page.getByLabel('当前密码').fill('chushi2026');
    await student.page.getByLabel('新密码', { exact: true }).fill('short');
    await student.page.getByLabel('确认新密码').fill('short');
    await student.page
      .getByRole('button', { name: /修改密码/ })
      .last()
      .click();
    await student.page.getByText('密码需为 8–72 位，且同时包含字母和数字').waitFor();
    await student.page.getByLabel('新密码', { exact: true }).fill('xinmima2026');
    await student.page.getByLabel('确认新密码').fill('xinmima2026');
    await student.page
      .getByRole('button', { name: /修改密码/ })
      .last()
      .click();
    await student.page.getByText('重名测试，您好').waitFor();
    expect(await student.page.getByText('您正在使用初始密码，请先修改密码。').count()).toBe(0);
    await student.context.close();
  });

  it('shows the admin pages at desktop and phone width', async () => {
    for (const [viewport, size] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const { page, context } = await newPage(browser, viewport);
      await signIn(page, 'group.admin');
      if (size === 'phone') {
        await page.getByRole('button', { name: '菜单' }).click();
        await page.getByRole('dialog').getByText('账号管理').click();
      } else {
        await page.getByRole('menuitem', { name: /账号管理/ }).click();
      }
      await page.waitForURL('**/admin/users');
      await page.getByText('teacher.wang').waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, `admin-users-${size}`);
      await noHorizontalScroll(page);
      if (size === 'desktop') {
        // every string is translated: no i18n key shows through in English
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByText('New account').waitFor();
        expect(await page.locator('body').innerText()).not.toMatch(/\b(admin|common|home|org|roles|titles)\.[a-z]/);
        await screenshot(page, 'admin-users-en-desktop');
        await page.getByRole('button', { name: '中文' }).click();
        await page.getByText('新建账号').waitFor();
      }

      await page.goto(`${baseUrl()}/admin/schools`);
      await page.getByText('柳溪村小学').waitFor();
      await screenshot(page, `admin-schools-${size}`);
      await noHorizontalScroll(page);

      await page.goto(`${baseUrl()}/admin/groups`);
      await page.getByText('木棉县城乡教育共同体').waitFor();
      await page.getByText('核心校').first().waitFor();
      await screenshot(page, `admin-groups-${size}`);
      await noHorizontalScroll(page);

      await page.goto(`${baseUrl()}/admin/imports`);
      await page.getByText('批量导入账号').waitFor();
      await screenshot(page, `admin-import-${size}`);
      await noHorizontalScroll(page);

      await page.goto(`${baseUrl()}/account/password`);
      await page.getByLabel('当前密码').waitFor();
      await screenshot(page, `account-password-${size}`);
      await noHorizontalScroll(page);
      await context.close();
    }
  });

  it('lets a group admin create a school that joins the group, and take it out again', async () => {
    const { page, context } = await newPage(browser, DESKTOP);
    await signIn(page, 'group.admin');
    await page.goto(`${baseUrl()}/admin/schools`);
    await page.getByRole('button', { name: /新建学校/ }).click();
    const dialog = page.getByRole('dialog');
    const name = `白沙村小学${suffix}`;
    await dialog.getByLabel('学校名称').fill(name);
    await dialog.getByLabel('学校代码').fill('MM-LXC');
    await dialog.getByRole('button', { name: /新建学校/ }).click();
    // the code is taken: the server says so on the field, and nothing is created
    await dialog.getByText('学校代码 MM-LXC 已被使用').waitFor();
    await dialog.getByLabel('学校代码').fill(`BS-${suffix}`);
    await dialog.getByRole('button', { name: /新建学校/ }).click();
    await page.getByText(`已保存 ${name}`).waitFor();
    await page.getByRole('cell', { name }).waitFor();

    await page.goto(`${baseUrl()}/admin/groups`);
    const row = page.locator('tr', { hasText: name });
    await row.waitFor();
    expect(await row.innerText()).toContain('成员校');
    expect(await row.innerText()).toContain('农村');
    await row.getByRole('button', { name: /移出集团/ }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText(`已移出 ${name}`).waitFor();
    await row.waitFor({ state: 'detached' });
    await context.close();
  });

  it('keeps a student out of the admin pages', async () => {
    const { page, context } = await newPage(browser, PHONE);
    await signIn(page, 'student.chen');
    await page.goto(`${baseUrl()}/admin/users`);
    await page.getByText('您没有权限访问此页面').waitFor();
    await context.close();
  });
});
