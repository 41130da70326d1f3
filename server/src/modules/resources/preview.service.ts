import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JobsService } from '../jobs/jobs.service.js';
import { PREVIEW_QUEUE } from './resources.jobs.js';
import { MediaService } from '../media/media.service.js';
import { StorageService } from '../storage/storage.service.js';
import { ResourceVersion } from './resources.entities.js';

const OFFICE_KINDS = new Set(['word', 'presentation', 'spreadsheet']);
/** the preview of these is the file itself, played or shown by the browser */
const DIRECT_KINDS = new Set(['pdf', 'image', 'audio', 'video', 'text']);
/** long side of an image's thumbnail in px (a list card is about 300 px wide) */
const IMAGE_THUMB_SIDE = 480;
/** a picture ffmpeg cannot read is its own thumbnail only when it is at most this big */
const SMALL_IMAGE_BYTES = 512 * 1024;

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

/**
 * Background previews: Office files → PDF with LibreOffice headless (CJK fonts beside it),
 * a thumbnail of the first PDF page with pdftoppm. Derived files are keyed by the content's
 * SHA-256, so a job that runs twice (or two resources with the same bytes) writes the same keys.
 */
@Injectable()
export class PreviewService implements OnModuleInit {
  private readonly logger = new Logger('ResourcePreview');
  readonly soffice: string | null;
  readonly pdftoppm: string | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: StorageService,
    private readonly jobs: JobsService,
    private readonly media: MediaService,
  ) {
    this.soffice = config.SOFFICE_PATH ?? findOnPath(['soffice', 'libreoffice']);
    this.pdftoppm = findOnPath(['pdftoppm']);
  }

  onModuleInit() {
    this.jobs.register(PREVIEW_QUEUE, (payload) => this.build(payload.versionId), {
      concurrency: 1,
      leaseSeconds: this.config.PREVIEW_TIMEOUT_SECONDS + 60,
    });
  }

  async build(versionId: string): Promise<void> {
    const versions = this.db.getRepository(ResourceVersion);
    const v = await versions.findOneBy({ id: versionId });
    if (!v) return;
    const set = (patch: Partial<ResourceVersion>) => versions.update({ id: v.id }, patch);
    if (DIRECT_KINDS.has(v.fileKind)) {
      let thumbnailKey: string | null = null;
      if (v.fileKind === 'image') thumbnailKey = await this.imageThumbnail(v).catch(() => null);
      if (v.fileKind === 'pdf') thumbnailKey = await this.thumbnail(v.sha256, v.storageKey).catch(() => null);
      await set({ previewState: 'ready', previewKey: v.storageKey, thumbnailKey, previewError: null });
      return;
    }
    if (!OFFICE_KINDS.has(v.fileKind)) {
      await set({ previewState: 'unavailable', previewError: null });
      return;
    }
    if (!this.soffice) {
      await set({ previewState: 'unavailable', previewError: 'LibreOffice (soffice) is not installed' });
      return;
    }
    const pdfKey = `derived/${v.sha256}/preview.pdf`;
    if (!(await this.storage.head(pdfKey))) {
      const dir = await mkdtemp(join(tmpdir(), 'mumian-office-'));
      try {
        const ext = (/\.([A-Za-z0-9]{1,5})$/.exec(v.fileName)?.[1] ?? defaultExt(v.fileKind)).toLowerCase();
        const input = join(dir, `source.${ext}`);
        await pipeline(await this.storage.getStream(v.storageKey), createWriteStream(input));
        await run(
          this.soffice,
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
        await this.storage.put(pdfKey, await readFile(join(dir, 'out', out)), 'application/pdf');
      } catch (err) {
        this.logger.warn(`preview of ${v.id} failed: ${(err as Error).message}`);
        await set({ previewState: 'failed', previewError: (err as Error).message.slice(0, 500) });
        return;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    const thumbnailKey = await this.thumbnail(v.sha256, pdfKey).catch(() => null);
    await set({ previewState: 'ready', previewKey: pdfKey, thumbnailKey, previewError: null });
  }

  /**
   * A JPEG at most IMAGE_THUMB_SIDE px on its long side, made by the media module's ffmpeg. When
   * ffmpeg cannot read the picture (HEIC, SVG…), a small original stands in; a large one gets none.
   */
  private async imageThumbnail(v: ResourceVersion): Promise<string | null> {
    const key = `derived/${v.sha256}/thumb.jpg`;
    if (await this.storage.head(key)) return key;
    const dir = await mkdtemp(join(tmpdir(), 'mumian-image-'));
    try {
      const input = join(dir, 'in');
      await pipeline(await this.storage.getStream(v.storageKey), createWriteStream(input));
      await this.media.imageThumbnail(input, join(dir, 'thumb.jpg'), IMAGE_THUMB_SIDE);
      await this.storage.put(key, await readFile(join(dir, 'thumb.jpg')), 'image/jpeg');
      return key;
    } catch (err) {
      this.logger.warn(`image thumbnail of ${v.id} failed: ${(err as Error).message.slice(0, 300)}`);
      return v.size <= SMALL_IMAGE_BYTES ? v.storageKey : null;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** First page as a small JPEG; null when pdftoppm is missing. */
  private async thumbnail(sha256: string, pdfKey: string): Promise<string | null> {
    if (!this.pdftoppm) return null;
    const key = `derived/${sha256}/thumb.jpg`;
    if (await this.storage.head(key)) return key;
    const dir = await mkdtemp(join(tmpdir(), 'mumian-thumb-'));
    try {
      const input = join(dir, 'in.pdf');
      await pipeline(await this.storage.getStream(pdfKey), createWriteStream(input));
      await run(
        this.pdftoppm,
        ['-f', '1', '-l', '1', '-singlefile', '-jpeg', '-scale-to', '320', input, join(dir, 'thumb')],
        60000,
      );
      await this.storage.put(key, await readFile(join(dir, 'thumb.jpg')), 'image/jpeg');
      return key;
    } catch (err) {
      this.logger.warn(`thumbnail failed: ${(err as Error).message}`);
      return null;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

function defaultExt(kind: string): string {
  return kind === 'word' ? 'docx' : kind === 'presentation' ? 'pptx' : 'xlsx';
}
