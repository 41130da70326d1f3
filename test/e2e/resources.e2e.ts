import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launch, newPage, screenshot, signIn } from './support/browser.js';

const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

/** A real PDF with Chinese text set in Noto Sans CJK. */
function makePdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 60 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    if (existsSync(CJK_FONT)) doc.font(CJK_FONT, 'NotoSansCJKsc-Regular');
    doc.fontSize(24).text(lines[0]);
    doc.moveDown().fontSize(14).text(lines.slice(1).join('\n'));
    doc.end();
  });
}

/** A real PPTX: LibreOffice imports a PDF into Impress and saves it as PowerPoint. */
function makePptx(dir: string, pdf: Buffer): string {
  const src = join(dir, '有理数大小比较.pdf');
  writeFileSync(src, pdf);
  execFileSync(
    SOFFICE!,
    [
      `-env:UserInstallation=file://${join(dir, 'lo')}`,
      '--headless',
      '--infilter=impress_pdf_import',
      '--convert-to',
      'pptx',
      '--outdir',
      dir,
      src,
    ],
    { timeout: 120000, env: { ...process.env, HOME: dir } },
  );
  return join(dir, '有理数大小比较.pptx');
}

/** Picks an option in an antd Select/TreeSelect found by its form label, typing to filter. */
async function choose(page: Page, label: string, text: string) {
  const field = page.getByLabel(label, { exact: true });
  // the options may still be loading when the dropdown first opens: try again a few times
  for (let attempt = 0; ; attempt++) {
    await field.click();
    await field.fill(text);
    try {
      await option(page, text).click({ timeout: 5000 });
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
}

/** A visible option of the open antd dropdown (not the hidden accessible copy). */
function option(page: Page, text: string) {
  return page
    .locator('.ant-select-dropdown:visible')
    .locator('.ant-select-item-option-content, .ant-select-tree-title')
    .filter({ hasText: text })
    .first();
}

describe('resource library in the browser', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'mumian-res-e2e-'));
  const stamp = Date.now().toString(36).slice(-4);
  const title = `1.2 有理数的大小比较 课件 ${stamp}`;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser.close());

  it('uploads a PDF and a PPTX with progress, finds them in the chapter tree and previews both', async () => {
    if (!SOFFICE) console.warn('LibreOffice not installed: the PPTX part of this test cannot run');
    const pdf = await makePdf(['有理数的大小比较', '数轴上右边的点表示的数总比左边的点表示的数大。', `编号 ${stamp}`]);
    const pdfPath = join(dir, '有理数大小比较 学案.pdf');
    writeFileSync(pdfPath, pdf);
    const files = [pdfPath];
    if (SOFFICE) files.push(makePptx(dir, await makePdf(['有理数的大小比较 课件', '正数大于0，负数小于0，正数大于负数。'])));

    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, 'teacher.li');
    await page.goto(page.url().replace(/\/[^/]*$/, '/resources/upload'));
    await page.getByLabel('选择文件').setInputFiles(files);
    // each file shows its own progress bar, then "上传完成" once the server has verified it
    await page.locator('.mm-upload-item .ant-progress').first().waitFor({ timeout: 20000 });
    for (const f of files)
      await page.locator(`.mm-upload-item[aria-label="${f.split('/').pop()}"][data-state="ready"]`).waitFor({ timeout: 60000 });
    await page.getByLabel('标题', { exact: true }).fill(title);
    await choose(page, '学科', '数学');
    await choose(page, '教材（版本/册）', '七年级上册（2024');
    await choose(page, '章节', '1.2 有理数及其大小比较');
    await screenshot(page, 'resources-upload-desktop');
    await page.getByRole('button', { name: /发\s*布/ }).click();
    await page.waitForURL(/\/resources\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: title }).waitFor();

    // find it through the library: subject → edition → volume → chapter tree
    await page.goto(page.url().replace(/^(https?:\/\/[^/]+).*$/, '$1/resources'));
    await choose(page, '年级/册', '七年级上册（2024');
    await page.locator('.res-tree').getByText('第一章 有理数').click();
    await page.locator('.res-tree').getByText('1.2 有理数及其大小比较').waitFor();
    await page.locator('.res-tree').getByText('1.2 有理数及其大小比较').click();
    await page.getByRole('link', { name: title }).waitFor();
    await screenshot(page, 'resources-library-desktop');
    await page.getByRole('link', { name: title }).click();

    // two files: pick each in turn
    const pick = async (name: string) => {
      if (!SOFFICE) return;
      await page.getByLabel('文件', { exact: true }).click();
      await option(page, name).click();
    };
    // the PDF opens in the browser's own viewer through a short-lived URL
    await pick('有理数大小比较 学案.pdf');
    await page.waitForFunction(() =>
      /X-Amz-Expires=\d+/.test(document.querySelector('[data-testid="preview-frame"]')?.getAttribute('src') ?? ''),
    );
    const src = (await page.getByTestId('preview-frame').getAttribute('src'))!;
    expect(src).not.toContain('derived/');
    const res = await page.request.get(src);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');

    if (SOFFICE) {
      // the PPTX becomes a PDF preview in the background; the page looks again until it is ready
      await pick('有理数大小比较.pptx');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="preview-frame"]')?.getAttribute('src')?.includes('derived/'),
        undefined,
        { timeout: 120000 },
      );
      const pptxPreview = await page.request.get((await page.getByTestId('preview-frame').getAttribute('src'))!);
      expect(pptxPreview.headers()['content-type']).toBe('application/pdf');
      expect((await pptxPreview.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await page.waitForTimeout(1500);
    await screenshot(page, 'resources-detail-desktop');
    await context.close();
  });

  it('shows the library, a resource and my uploads on a phone', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, 'teacher.wang');
    const base = page.url().replace(/^(https?:\/\/[^/]+).*$/, '$1');
    await page.goto(`${base}/resources`);
    await page.getByRole('button', { name: /目\s*录/ }).waitFor();
    await page.getByRole('button', { name: /目\s*录/ }).click();
    await page.locator('.res-tree').waitFor();
    await screenshot(page, 'resources-tree-phone');
    await page.keyboard.press('Escape');
    await page.getByPlaceholder('搜索资源标题、标签、作者…').fill('正数和负数');
    await page.keyboard.press('Enter');
    await page
      .getByRole('link', { name: /1\.1 正数和负数/ })
      .first()
      .waitFor({ timeout: 30000 });
    await screenshot(page, 'resources-library-phone');
    await page
      .getByRole('link', { name: /1\.1 正数和负数/ })
      .first()
      .click();
    await page.getByTestId('preview-frame').waitFor();
    await page.waitForTimeout(1000);
    await screenshot(page, 'resources-detail-phone');
    await page.goto(`${base}/resources/mine`);
    await page.getByText('古诗三首（望洞庭 山行 夜书所见）教学设计').waitFor();
    await page.getByText('审核意见：请补充板书设计和课后作业，再重新提交。').waitFor();
    await screenshot(page, 'resources-mine-phone');
    await context.close();
  });

  it('edits a resource’s details in a dialog, on desktop and on a phone', async () => {
    for (const [viewport, name] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const { context, page } = await newPage(browser, viewport);
      await signIn(page, 'teacher.wang');
      const base = page.url().replace(/^(https?:\/\/[^/]+).*$/, '$1');
      await page.goto(`${base}/resources/mine`);
      await page.getByText('古诗三首（望洞庭 山行 夜书所见）教学设计').first().click();
      await page.getByRole('button', { name: /编辑信息/ }).click();
      const dialog = page.getByRole('dialog');
      const title = dialog.getByLabel('标题', { exact: true });
      await title.waitFor();
      expect(await title.inputValue()).toBe('古诗三首（望洞庭 山行 夜书所见）教学设计');
      await page.mouse.move(0, 0);
      await page.waitForTimeout(800);
      // the dialog scrolls inside the viewport: a full-page picture would cut it off
      await page.screenshot({ path: join(__dirname, '../../docs/screenshots', `resources-edit-${name}.png`) });
      if (name === 'phone') {
        await dialog.getByLabel('简介', { exact: true }).fill('修订：补充了板书设计和课后作业。');
        await dialog.getByRole('button', { name: /保\s*存/ }).click();
        await page.getByText('修订：补充了板书设计和课后作业。').waitFor();
        await page.waitForTimeout(800);
        await screenshot(page, 'resources-edit-saved-phone');
      }
      await context.close();
    }
  });

  it('lets a school admin approve from the review queue', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, 'rural.admin');
    const base = page.url().replace(/^(https?:\/\/[^/]+).*$/, '$1');
    await page.goto(`${base}/resources/review`);
    const item = page.locator('.ant-list-item').filter({ hasText: '5以内数的认识 课堂练习（村小自编）' });
    await item.waitFor();
    await screenshot(page, 'resources-review-desktop');
    await item.getByRole('button', { name: /通\s*过/ }).click();
    await page.getByText('没有待审核的资源').waitFor();
    await context.close();
  });
});
