import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** bigint columns come back from pg as strings; sizes fit a JS number (< 2^53). */
const bigintNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};

export const UPLOAD_PURPOSES = ['resource', 'lecture', 'caption'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/**
 * uploading → verifying → ready → consumed (claimed by a resource, lecture or caption)
 *                       ↘ rejected (wrong type, size mismatch; object deleted)
 * uploading | ready → aborted (cancelled by the owner, or abandoned and cleaned)
 */
export const UPLOAD_STATES = ['uploading', 'verifying', 'ready', 'rejected', 'aborted', 'consumed'] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];

/** The kinds of content the sniffer recognises; what other modules allow is a subset. */
export const BLOB_KINDS = [
  'pdf',
  'image',
  'audio',
  'video',
  'word',
  'presentation',
  'spreadsheet',
  'archive',
  'text',
  'caption',
] as const;
export type BlobKind = (typeof BLOB_KINDS)[number];

/** Stored bytes, addressed by content: identical content is stored once and counted by references. */
@Entity('blob')
export class Blob {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index({ unique: true }) @Column({ type: 'char', length: 64 }) sha256: string;
  @Column({ type: 'varchar', length: 300 }) key: string;
  @Column({ type: 'bigint', transformer: bigintNumber }) size: number;
  @Column({ type: 'varchar', length: 100 }) mime: string;
  @Column({ type: 'varchar', length: 20 }) kind: BlobKind;
  @Column({ type: 'varchar', length: 10 }) ext: string;
  /** references held by resources, lectures, … and by ready uploads not yet claimed */
  @Column({ type: 'int', name: 'ref_count', default: 0 }) refCount: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** A resumable direct-to-store upload, with its own ledger of stored parts (see UploadPart). */
@Entity('upload')
@Index('upload_owner_idx', ['ownerId', 'createdAt'])
export class Upload {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'owner_id' }) ownerId: string;
  @Column({ type: 'varchar', length: 10 }) purpose: UploadPurpose;
  @Column({ type: 'varchar', length: 255, name: 'file_name' }) fileName: string;
  @Column({ type: 'bigint', transformer: bigintNumber }) size: number;
  @Column({ type: 'varchar', length: 100, name: 'content_type' }) contentType: string;
  @Column({ type: 'int', name: 'part_size' }) partSize: number;
  @Column({ type: 'int', name: 'part_count' }) partCount: number;
  @Column({ type: 'varchar', length: 300 }) key: string;
  @Column({ type: 'varchar', length: 1024, name: 's3_upload_id' }) s3UploadId: string;
  @Column({ type: 'varchar', length: 12, default: 'uploading' }) state: UploadState;
  /** message key of the rejection (translated when shown) and its parameters */
  @Column({ type: 'varchar', length: 100, name: 'reason_key', nullable: true }) reasonKey: string | null;
  @Column({ type: 'jsonb', name: 'reason_params', default: {} }) reasonParams: Record<string, string | number>;
  @Column({ type: 'char', length: 64, nullable: true }) sha256: string | null;
  @Column({ type: 'uuid', name: 'blob_id', nullable: true }) blobId: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) kind: BlobKind | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) mime: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) ext: string | null;
  @Column({ type: 'timestamptz', name: 'last_activity_at', default: () => 'now()' }) lastActivityAt: Date;
  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'consumed_at', nullable: true }) consumedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One stored part, as the browser reported it after its presigned PUT succeeded. */
@Entity('upload_part')
export class UploadPart {
  @PrimaryColumn({ type: 'uuid', name: 'upload_id' }) uploadId: string;
  @PrimaryColumn({ type: 'int', name: 'part_number' }) partNumber: number;
  @Column({ type: 'varchar', length: 200 }) etag: string;
  @Column({ type: 'bigint', transformer: bigintNumber }) size: number;
  @Column({ type: 'timestamptz', name: 'recorded_at', default: () => 'now()' }) recordedAt: Date;
}
