import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JobsService } from '../jobs/jobs.service.js';
import { DocumentConverter } from '../media/documents.js';
import { StorageService } from '../storage/storage.service.js';
import { FileRepository } from './files.repository.js';
import type { ResourceVersion } from './resources.entities.js';
import { PREVIEW_QUEUE } from './resources.jobs.js';

const OFFICE_KINDS = new Set(['word', 'presentation', 'spreadsheet']);
/** the preview of these is the file itself, played or shown by the browser */
const DIRECT_KINDS = new Set(['pdf', 'image', 'audio', 'video', 'text']);
/** long side of an image's thumbnail in px (a list card is about 300 px wide) */
const IMAGE_THUMB_SIDE = 480;
/** a picture ffmpeg cannot read is its own thumbnail only when it is at most this big */
const SMALL_IMAGE_BYTES = 512 * 1024;

/**
 * The preview job: Office files → PDF and a thumbnail of the first PDF page, both made by the
 * media module's DocumentConverter (LibreOffice with CJK fonts beside it, pdftoppm). Derived
 * files are keyed by the content's SHA-256, so a job that runs twice (or two resources with the
 * same bytes) writes the same keys.
 */
@Injectable()
export class PreviewService implements OnModuleInit {
  private readonly logger = new Logger('ResourcePreview');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: StorageService,
    private readonly jobs: JobsService,
    private readonly converter: DocumentConverter,
    private readonly files: FileRepository,
  ) {}

  onModuleInit() {
    this.jobs.register(PREVIEW_QUEUE, (payload) => this.build(payload.versionId), {
      concurrency: 1,
      leaseSeconds: this.config.PREVIEW_TIMEOUT_SECONDS + 60,
    });
  }

  async build(versionId: string): Promise<void> {
    const v = await this.files.version(versionId);
    if (!v) return;
    const set = (patch: Parameters<FileRepository['setPreview']>[1]) => this.files.setPreview(v.id, patch);
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
    if (!this.converter.soffice) {
      await set({ previewState: 'unavailable', previewError: 'LibreOffice (soffice) is not installed' });
      return;
    }
    const pdfKey = `derived/${v.sha256}/preview.pdf`;
    if (!(await this.storage.head(pdfKey))) {
      try {
        const ext = (/\.([A-Za-z0-9]{1,5})$/.exec(v.fileName)?.[1] ?? defaultExt(v.fileKind)).toLowerCase();
        const pdf = await this.converter.officeToPdf(await this.storage.getStream(v.storageKey), ext);
        await this.storage.put(pdfKey, pdf, 'application/pdf');
      } catch (err) {
        this.logger.warn(`preview of ${v.id} failed: ${(err as Error).message}`);
        await set({ previewState: 'failed', previewError: (err as Error).message.slice(0, 500) });
        return;
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
    try {
      const jpeg = await this.converter.imageThumbnail(await this.storage.getStream(v.storageKey), IMAGE_THUMB_SIDE);
      await this.storage.put(key, jpeg, 'image/jpeg');
      return key;
    } catch (err) {
      this.logger.warn(`image thumbnail of ${v.id} failed: ${(err as Error).message.slice(0, 300)}`);
      return v.size <= SMALL_IMAGE_BYTES ? v.storageKey : null;
    }
  }

  /** First page as a small JPEG; null when pdftoppm is missing. */
  private async thumbnail(sha256: string, pdfKey: string): Promise<string | null> {
    if (!this.converter.pdftoppm) return null;
    const key = `derived/${sha256}/thumb.jpg`;
    if (await this.storage.head(key)) return key;
    try {
      const jpeg = await this.converter.pdfThumbnail(await this.storage.getStream(pdfKey));
      await this.storage.put(key, jpeg, 'image/jpeg');
      return key;
    } catch (err) {
      this.logger.warn(`thumbnail failed: ${(err as Error).message}`);
      return null;
    }
  }
}

function defaultExt(kind: string): string {
  return kind === 'word' ? 'docx' : kind === 'presentation' ? 'pptx' : 'xlsx';
}
