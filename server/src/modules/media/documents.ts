import { Inject, Injectable } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { MediaService } from './media.service.js';

/** how long pdftoppm may take for one page */
const PDFTOPPM_TIMEOUT_MS = 60000;

function findOnPath(names: string[]): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    for (const name of names) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return null;
}

function run(cmd: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { timeout: timeoutMs, env: env ?? process.env, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} failed: ${err.message} ${String(stderr).slice(0, 500)}`)) : resolve(String(stdout)),
    ),
  );
}

/** Runs `work` in a fresh temporary directory, removed afterwards whatever happens. */
async function inTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Document conversion, the media module's adapter for LibreOffice (headless, Office → PDF) and
 * pdftoppm (first PDF page → JPEG), plus still-image thumbnails through MediaService's ffmpeg.
 * Callers hand in the source bytes as a stream and get the result's bytes back; spawning,
 * timeouts and temporary directories stay here.
 */
@Injectable()
export class DocumentConverter {
  /** LibreOffice, from SOFFICE_PATH or PATH; null when not installed */
  readonly soffice: string | null;
  /** poppler's pdftoppm from PATH; null when not installed */
  readonly pdftoppm: string | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly media: MediaService,
  ) {
    this.soffice = config.SOFFICE_PATH ?? findOnPath(['soffice', 'libreoffice']);
    this.pdftoppm = findOnPath(['pdftoppm']);
  }

  /**
   * An Office file (its extension names the format) as PDF, within PREVIEW_TIMEOUT_SECONDS.
   * Each conversion has its own LibreOffice profile, so conversions may run side by side.
   * Throws when LibreOffice is missing, fails or writes no PDF.
   */
  async officeToPdf(source: Readable, ext: string): Promise<Buffer> {
    const soffice = this.soffice;
    if (!soffice) throw new Error('LibreOffice (soffice) is not installed');
    return inTempDir('mumian-office-', async (dir) => {
      const input = join(dir, `source.${ext}`);
      await pipeline(source, createWriteStream(input));
      await run(
        soffice,
        [
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'pdf',
          '--outdir',
          join(dir, 'out'),
          input,
        ],
        this.config.PREVIEW_TIMEOUT_SECONDS * 1000,
        { ...process.env, HOME: dir },
      );
      const out = (await readdir(join(dir, 'out'))).find((f) => f.endsWith('.pdf'));
      if (!out) throw new Error('LibreOffice produced no PDF');
      return readFile(join(dir, 'out', out));
    });
  }

  /** The first page of a PDF as a JPEG 320 px on its long side. Throws when pdftoppm is missing or fails. */
  async pdfThumbnail(source: Readable): Promise<Buffer> {
    const pdftoppm = this.pdftoppm;
    if (!pdftoppm) throw new Error('pdftoppm is not installed');
    return inTempDir('mumian-thumb-', async (dir) => {
      const input = join(dir, 'in.pdf');
      await pipeline(source, createWriteStream(input));
      await run(
        pdftoppm,
        ['-f', '1', '-l', '1', '-singlefile', '-jpeg', '-scale-to', '320', input, join(dir, 'thumb')],
        PDFTOPPM_TIMEOUT_MS,
      );
      return readFile(join(dir, 'thumb.jpg'));
    });
  }

  /** A still image as a JPEG at most `maxSide` px on its long side (MediaService.imageThumbnail). */
  async imageThumbnail(source: Readable, maxSide: number): Promise<Buffer> {
    return inTempDir('mumian-image-', async (dir) => {
      const input = join(dir, 'in');
      await pipeline(source, createWriteStream(input));
      await this.media.imageThumbnail(input, join(dir, 'thumb.jpg'), maxSide);
      return readFile(join(dir, 'thumb.jpg'));
    });
  }
}
