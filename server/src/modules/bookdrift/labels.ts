import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatDriftCode } from './drift-code.js';

export interface Label {
  url: string;
  driftCode: string;
  schoolName: string;
  title: string;
}

/** A CJK font: the npm package's Noto Sans Hans (works with only Node), else the system's Noto CJK. */
export function cjkFont(): { path: string; family?: string } | null {
  // walk up from the working folder and from the entry script to the nearest node_modules holding it
  for (const start of [process.cwd(), dirname(process.argv[1] ?? process.cwd())]) {
    let dir = resolve(start);
    for (;;) {
      const path = join(dir, 'node_modules', '@embedpdf', 'fonts-sc', 'fonts', 'NotoSansHans-Regular.otf');
      if (existsSync(path)) return { path };
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  const system = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
  if (existsSync(system)) return { path: system, family: 'NotoSansCJKsc-Regular' };
  return null;
}

const MM = 72 / 25.4;
/** A4 label sheet: 3 × 8 labels of 70 × 37 mm (the common Avery-type sheet). */
export const LABEL_LAYOUT = { cols: 3, rows: 8, width: 70 * MM, height: 37.125 * MM, perPage: 24, qrSize: 30 * MM };

/** Draws a QR code as vector squares (crisp at any print resolution). */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + quiet * 2);
  doc.save().fillColor('black');
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell + 0.01, cell + 0.01);
  doc.fill().restore();
}

/** Shortens text (with …) until it fits the given width at the current font size. */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && doc.widthOfString(chars.join('') + '…') > width) chars.pop();
  return chars.join('') + '…';
}

export async function renderLabelSheet(labels: Label[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: 'Mumian drift labels' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const font = cjkFont();
  if (font) doc.registerFont('cjk', font.path, font.family);
  const L = LABEL_LAYOUT;
  const { width: pageW, height: pageH } = { width: 595.28, height: 841.89 };
  const left = (pageW - L.cols * L.width) / 2;
  const top = (pageH - L.rows * L.height) / 2;
  labels.forEach((label, i) => {
    const slot = i % L.perPage;
    if (slot === 0) doc.addPage();
    const x = left + (slot % L.cols) * L.width;
    const y = top + Math.floor(slot / L.cols) * L.height;
    drawQr(doc, label.url, x + 2 * MM, y + (L.height - L.qrSize) / 2, L.qrSize);
    const tx = x + 2 * MM + L.qrSize + 1 * MM;
    const tw = L.width - (tx - x) - 3 * MM;
    if (font) doc.font('cjk');
    doc
      .fillColor('#555')
      .fontSize(7)
      .text(fit(doc, label.schoolName, tw), tx, y + 4 * MM, { width: tw, lineBreak: false });
    doc
      .fillColor('black')
      .fontSize(10)
      .text(fit(doc, label.title, tw * 2 - 12), tx, y + 9 * MM, { width: tw, height: 28 });
    doc.fontSize(11).text(formatDriftCode(label.driftCode), tx, y + 23 * MM, { width: tw, characterSpacing: 0.5 });
    doc
      .fillColor('#777')
      .fontSize(6)
      .text('图书漂流 · 扫码写漂流日记', tx, y + 29 * MM, { width: tw, lineBreak: false });
  });
  if (!labels.length) doc.addPage();
  doc.end();
  return done;
}
