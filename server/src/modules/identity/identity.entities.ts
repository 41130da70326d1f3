import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../../common/roles.js';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** stored lower-case */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) username: string;
  @Column({ type: 'varchar', length: 20, nullable: true, unique: true }) phone: string | null;
  @Column({ type: 'varchar', length: 50, name: 'display_name' }) displayName: string;
  @Column({ type: 'varchar', length: 200, name: 'password_hash', select: false }) passwordHash: string;
  @Column({ type: 'varchar', length: 20 }) role: Role;
  @Index() @Column({ type: 'uuid', name: 'school_id', nullable: true }) schoolId: string | null;
  @Column({ type: 'uuid', name: 'group_id', nullable: true }) groupId: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) titles: string[];
  /** students: grade 1–12 */
  @Column({ type: 'smallint', nullable: true }) grade: number | null;
  /** students only, to know who needs a guardian; shown to nobody but admins */
  @Column({ type: 'date', name: 'birth_date', nullable: true }) birthDate: string | null;
  @Column({ type: 'varchar', length: 10, default: 'active' }) status: 'active' | 'disabled';
  @Column({ type: 'boolean', name: 'must_change_password', default: false }) mustChangePassword: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('auth_session')
export class Session {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column({ type: 'uuid', name: 'user_id' }) userId: string;
  @Column({ type: 'varchar', length: 128, name: 'refresh_hash' }) refreshHash: string;
  /** The secret before the last rotation, still answered for a few seconds after it (concurrent tabs). */
  @Column({ type: 'varchar', length: 128, name: 'previous_refresh_hash', nullable: true }) previousRefreshHash: string | null;
  @Column({ type: 'timestamptz', name: 'rotated_at', nullable: true }) rotatedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt: Date;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'varchar', length: 300, name: 'user_agent', default: '' }) userAgent: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('login_failure')
export class LoginFailure {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Index() @Column({ type: 'varchar', length: 64 }) login: string;
  @Index() @Column({ type: 'varchar', length: 64 }) ip: string;
  @CreateDateColumn({ name: 'at', type: 'timestamptz' }) at: Date;
}

@Entity('guardianship')
export class Guardianship {
  @PrimaryColumn({ type: 'uuid', name: 'parent_id' }) parentId: string;
  @PrimaryColumn({ type: 'uuid', name: 'student_id' }) studentId: string;
  @Column({ type: 'varchar', length: 20, default: 'guardian' }) relation: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('user_import')
export class UserImport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'school_id' }) schoolId: string;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @Column({ type: 'varchar', length: 200, name: 'source_key' }) sourceKey: string;
  @Column({ type: 'varchar', length: 20, default: 'queued' }) status: 'queued' | 'running' | 'done' | 'failed';
  @Column({ type: 'int', default: 0 }) total: number;
  @Column({ type: 'int', default: 0 }) processed: number;
  @Column({ type: 'int', name: 'created_count', default: 0 }) createdCount: number;
  /** row errors: a message key (older rows: the text in the starter's language) */
  @Column({ type: 'jsonb', default: [] }) errors: { row: number; field: string; key?: string; message?: string }[];
  /** why the import failed as a whole (its job gave up), a message key; null when it did not or row errors say why */
  @Column({ type: 'varchar', length: 100, name: 'failure_key', nullable: true }) failureKey: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt: Date | null;
}
