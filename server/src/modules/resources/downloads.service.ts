import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { StorageService } from '../storage/storage.service.js';
import { EngagementRepository } from './engagement.repository.js';
import { FileRepository } from './files.repository.js';
import { ResourceAccess } from './resources.access.js';
import type { DownloadDto, DownloadView, PreviewView } from './resources.dto.js';
import type { ResourceVersion } from './resources.entities.js';

/** Short-lived URLs to a version's bytes: the inline preview and the (counted) download. */
@Injectable()
export class DownloadsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: StorageService,
    private readonly access: ResourceAccess,
    private readonly files: FileRepository,
    private readonly engagement: EngagementRepository,
  ) {}

  private get ttl() {
    return this.config.RESOURCE_URL_TTL_SECONDS;
  }

  /** That version, else the latest of that file, else the latest of the first file. */
  private async version(resourceId: string, fileId?: string, versionId?: string): Promise<ResourceVersion> {
    if (versionId) {
      const v = await this.files.versionOfResource(resourceId, versionId);
      if (!v || (fileId && v.fileId !== fileId)) throw AppError.notFound('resources.versionNotFound');
      return v;
    }
    const file = await this.files.file(resourceId, fileId);
    if (!file?.latestVersionId) throw AppError.notFound('resources.fileNotFound');
    return this.files.getVersion(file.latestVersionId);
  }

  async preview(p: Principal, id: string, versionId: string): Promise<PreviewView> {
    await this.access.requireDownloadable(p, id);
    const v = await this.version(id, undefined, versionId);
    const expiresAt = new Date(Date.now() + this.ttl * 1000).toISOString();
    const inline = (key: string, contentType: string) =>
      this.storage.presignGet(key, this.ttl, { inline: true, downloadName: v.fileName, contentType });
    switch (v.fileKind) {
      case 'pdf':
        return { mode: 'pdf', state: 'ready', url: await inline(v.storageKey, 'application/pdf'), expiresAt };
      case 'image':
      case 'audio':
      case 'video':
        return { mode: v.fileKind, state: 'ready', url: await inline(v.storageKey, v.mime), expiresAt };
      case 'text':
        return { mode: 'text', state: 'ready', url: await inline(v.storageKey, 'text/plain; charset=utf-8'), expiresAt };
      default:
        if (v.previewState === 'ready' && v.previewKey)
          return {
            mode: 'pdf',
            state: 'ready',
            url: await this.storage.presignGet(v.previewKey, this.ttl, {
              inline: true,
              downloadName: `${v.fileName.replace(/\.[^.]+$/, '')}.pdf`,
              contentType: 'application/pdf',
            }),
            expiresAt,
          };
        return { mode: 'none', state: v.previewState, url: null, expiresAt: null };
    }
  }

  async download(p: Principal, id: string, dto: DownloadDto): Promise<DownloadView> {
    const r = await this.access.requireDownloadable(p, id);
    const v = await this.version(id, dto.fileId, dto.versionId);
    await this.db.transaction((m) =>
      this.engagement.recordDownload(m, {
        resourceId: id,
        versionId: v.id,
        userId: p.userId,
        role: p.role,
        schoolId: p.schoolId,
        sourceSchoolId: r.schoolId,
      }),
    );
    return {
      url: await this.storage.presignGet(v.storageKey, this.ttl, { downloadName: v.fileName }),
      expiresAt: new Date(Date.now() + this.ttl * 1000).toISOString(),
      fileName: v.fileName,
      versionId: v.id,
    };
  }
}
