import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** A durable job in Postgres: picked with SKIP LOCKED, leased, retried with backoff. */
@Entity('job')
@Index('job_pick_idx', ['state', 'runAfter'])
export class Job {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 60 }) queue: string;
  @Column({ type: 'jsonb', default: {} }) payload: Record<string, unknown>;
  @Column({ type: 'varchar', length: 10, default: 'queued' }) state: JobState;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'int', name: 'max_attempts', default: 5 }) maxAttempts: number;
  @Column({ type: 'timestamptz', name: 'run_after', default: () => 'now()' }) runAfter: Date;
  @Column({ type: 'timestamptz', name: 'lease_until', nullable: true }) leaseUntil: Date | null;
  @Column({ type: 'varchar', length: 100, name: 'locked_by', nullable: true }) lockedBy: string | null;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError: string | null;
  /** an idempotency key: enqueueing the same key twice while the first is not done yields one job */
  @Column({ type: 'varchar', length: 200, name: 'singleton_key', nullable: true }) singletonKey: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
