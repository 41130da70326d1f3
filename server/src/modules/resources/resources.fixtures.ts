import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';

/** Noto Sans CJK from Debian's fonts-noto-cjk, if installed. */
export const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** A real PDF with Chinese text (Noto Sans CJK when installed), one page per entry of `pages`. */
export function makePdf(pages: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 60 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    if (existsSync(CJK_FONT)) doc.font(CJK_FONT, 'NotoSansCJKsc-Regular');
    pages.forEach((text, i) => {
      if (i > 0) doc.addPage();
      doc.fontSize(22).text(text.split('\n')[0]);
      doc.moveDown().fontSize(13).text(text.split('\n').slice(1).join('\n'));
    });
    doc.end();
  });
}

/** The LibreOffice binary on this machine, or null. */
export function sofficePath(): string | null {
  for (const p of [process.env.SOFFICE_PATH, '/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice'])
    if (p && existsSync(p)) return p;
  return null;
}

/** An Office file made by LibreOffice from plain text (`docx`), or null without LibreOffice. */
export async function makeOffice(text: string, format: 'docx' | 'odt' = 'docx'): Promise<Buffer | null> {
  const soffice = sofficePath();
  if (!soffice) return null;
  const dir = await mkdtemp(join(tmpdir(), 'mumian-fixture-'));
  try {
    await writeFile(join(dir, 'doc.txt'), text, 'utf8');
    await new Promise<void>((resolve, reject) =>
      execFile(
        soffice,
        [
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          format,
          '--outdir',
          dir,
          join(dir, 'doc.txt'),
        ],
        { timeout: 120000, env: { ...process.env, HOME: dir } },
        (err) => (err ? reject(err) : resolve()),
      ),
    );
    return await readFile(join(dir, `doc.${format}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
