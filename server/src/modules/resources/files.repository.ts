import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ResourceFile, ResourceVersion } from './resources.entities.js';

/** A version row with its author's name, as the detail page lists it. */
export interface VersionRow {
  id: string;
  file_id: string;
  number: number;
  file_name: string;
  size: string | number;
  mime: string;
  file_kind: string;
  change_note: string;
  created_by: string;
  created_by_name: string;
  created_at: Date;
  preview_state: ResourceVersion['previewState'];
}

/** A resource's files (`resource_file`) and their versions (`resource_version`), previews included. */
@Injectable()
export class FileRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  filesOf(resourceId: string): Promise<ResourceFile[]> {
    return this.db.getRepository(ResourceFile).find({ where: { resourceId }, order: { position: 'ASC' } });
  }

  /** Every version of the resource's files, newest number first. */
  versionRowsOf(resourceId: string): Promise<VersionRow[]> {
    return this.db.query(
      `SELECT v.*, u.display_name AS created_by_name FROM resource_version v JOIN app_user u ON u.id = v.created_by
       WHERE v.resource_id = $1 ORDER BY v.number DESC`,
      [resourceId],
    );
  }

  versionsOf(m: EntityManager, resourceId: string): Promise<ResourceVersion[]> {
    return m.getRepository(ResourceVersion).findBy({ resourceId });
  }

  countFiles(m: EntityManager, resourceId: string): Promise<number> {
    return m.getRepository(ResourceFile).countBy({ resourceId });
  }

  insertFile(m: EntityManager, resourceId: string, position: number): Promise<ResourceFile> {
    const repo = m.getRepository(ResourceFile);
    return repo.save(repo.create({ resourceId, position }));
  }

  /** The file, locked until the transaction ends (numbering its next version). */
  lockFile(m: EntityManager, resourceId: string, fileId: string): Promise<ResourceFile | null> {
    return m.getRepository(ResourceFile).findOne({ where: { id: fileId, resourceId }, lock: { mode: 'pessimistic_write' } });
  }

  async lastVersionNumber(m: EntityManager, fileId: string): Promise<number> {
    const [{ n }] = (await m.query(`SELECT COALESCE(max(number), 0)::int AS n FROM resource_version WHERE file_id = $1`, [
      fileId,
    ])) as { n: number }[];
    return n;
  }

  /** Stores a version and makes it the file's latest. */
  async insertVersion(m: EntityManager, data: Partial<ResourceVersion> & { fileId: string }): Promise<ResourceVersion> {
    const repo = m.getRepository(ResourceVersion);
    const version = await repo.save(repo.create(data));
    await m.getRepository(ResourceFile).update({ id: data.fileId }, { latestVersionId: version.id });
    return version;
  }

  version(id: string): Promise<ResourceVersion | null> {
    return this.db.getRepository(ResourceVersion).findOneBy({ id });
  }

  versionOfResource(resourceId: string, versionId: string): Promise<ResourceVersion | null> {
    return this.db.getRepository(ResourceVersion).findOneBy({ id: versionId, resourceId });
  }

  getVersion(id: string): Promise<ResourceVersion> {
    return this.db.getRepository(ResourceVersion).findOneByOrFail({ id });
  }

  /** That file of the resource, or its first one. */
  file(resourceId: string, fileId?: string): Promise<ResourceFile | null> {
    const files = this.db.getRepository(ResourceFile);
    return fileId
      ? files.findOneBy({ id: fileId, resourceId })
      : files.findOne({ where: { resourceId }, order: { position: 'ASC' } });
  }

  async setPreview(
    versionId: string,
    patch: Partial<Pick<ResourceVersion, 'previewState' | 'previewKey' | 'thumbnailKey' | 'previewError'>>,
  ): Promise<void> {
    await this.db.getRepository(ResourceVersion).update({ id: versionId }, patch);
  }
}
