import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export const COPY_STATES = ['on_shelf', 'drifting', 'missing', 'lost', 'damaged', 'withdrawn'] as const;
export type CopyState = (typeof COPY_STATES)[number];
export const SHIPMENT_STATES = [
  'planned',
  'packed',
  'in_transit',
  'received',
  'passed_on',
  'returned_home',
  'cancelled',
] as const;
export type ShipmentState = (typeof SHIPMENT_STATES)[number];
export const VISIBILITIES = ['school', 'group', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

@Entity('book_title')
export class BookTitle {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'school_id' }) schoolId: string;
  @Column({ type: 'char', length: 13 }) isbn: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'varchar', length: 200, default: '' }) author: string;
  @Column({ type: 'varchar', length: 200, default: '' }) publisher: string;
  @Column({ type: 'smallint', nullable: true }) year: number | null;
  @Column({ type: 'varchar', length: 20, name: 'grade_band', default: '' }) gradeBand: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) categories: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('book_copy')
export class BookCopy {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'title_id' }) titleId: string;
  /** the owning library */
  @Column({ type: 'uuid', name: 'school_id' }) schoolId: string;
  @Column({ type: 'varchar', length: 50, default: '' }) shelf: string;
  @Column({ type: 'varchar', length: 20, default: 'on_shelf' }) state: CopyState;
  @Column({ type: 'boolean', default: false }) shared: boolean;
  @Column({ type: 'char', length: 8, name: 'drift_code', nullable: true }) driftCode: string | null;
  /** where the copy is now: a school, or null while it travels in `shipmentId` */
  @Column({ type: 'uuid', name: 'location_school_id', nullable: true }) locationSchoolId: string | null;
  @Column({ type: 'uuid', name: 'shipment_id', nullable: true }) shipmentId: string | null;
  @Column({ type: 'uuid', name: 'batch_id', nullable: true }) batchId: string | null;
  @Column({ type: 'timestamptz', name: 'missing_since', nullable: true }) missingSince: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** The copy's journey: every change of place or state, with who and when. */
@Entity('copy_event')
export class CopyEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'copy_id' }) copyId: string;
  @Column({ type: 'varchar', length: 30 }) kind: string;
  @Column({ type: 'uuid', name: 'school_id', nullable: true }) schoolId: string | null;
  @Column({ type: 'uuid', name: 'shipment_id', nullable: true }) shipmentId: string | null;
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId: string | null;
  @Column({ type: 'varchar', length: 300, default: '' }) note: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
}

@Entity('reading_list')
export class ReadingList {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'school_id' }) schoolId: string;
  @Column({ type: 'uuid', name: 'owner_id' }) ownerId: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 20, name: 'grade_band', default: '' }) gradeBand: string;
  @Column({ type: 'varchar', length: 10 }) visibility: Visibility;
  @Column({ type: 'uuid', name: 'copied_from', nullable: true }) copiedFrom: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('reading_list_entry')
export class ReadingListEntry {
  @PrimaryColumn({ type: 'uuid', name: 'list_id' }) listId: string;
  @PrimaryColumn({ type: 'smallint' }) position: number;
  @Column({ type: 'char', length: 13 }) isbn: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'varchar', length: 200, default: '' }) author: string;
  @Column({ type: 'varchar', length: 500, default: '' }) note: string;
}

@Entity('reading_list_follow')
export class ReadingListFollow {
  @PrimaryColumn({ type: 'uuid', name: 'list_id' }) listId: string;
  @PrimaryColumn({ type: 'uuid', name: 'school_id' }) schoolId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('drift_campaign')
export class DriftCampaign {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'group_id' }) groupId: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'date', name: 'start_date' }) startDate: string;
  @Column({ type: 'smallint', name: 'round_weeks' }) roundWeeks: number;
  @Column({ type: 'smallint' }) rounds: number;
  /** a copy missing at receipt becomes lost after this many days */
  @Column({ type: 'smallint', name: 'missing_days', default: 14 }) missingDays: number;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('campaign_school')
export class CampaignSchool {
  @PrimaryColumn({ type: 'uuid', name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn({ type: 'uuid', name: 'school_id' }) schoolId: string;
  @Column({ type: 'smallint', name: 'joined_round', default: 1 }) joinedRound: number;
  @Column({ type: 'smallint', name: 'left_round', nullable: true }) leftRound: number | null;
}

@Entity('campaign_batch')
export class CampaignBatch {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'campaign_id' }) campaignId: string;
  @Column({ type: 'uuid', name: 'school_id' }) schoolId: string;
}

@Entity('campaign_leg')
export class CampaignLeg {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'campaign_id' }) campaignId: string;
  @Column({ type: 'smallint' }) round: number;
  @Column({ type: 'uuid', name: 'batch_school_id' }) batchSchoolId: string;
  @Column({ type: 'uuid', name: 'from_school_id' }) fromSchoolId: string;
  @Column({ type: 'uuid', name: 'to_school_id' }) toSchoolId: string;
}

@Entity('shipment')
export class Shipment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'campaign_id' }) campaignId: string;
  @Column({ type: 'uuid', name: 'batch_id' }) batchId: string;
  /** 0 for the trip home after the last round */
  @Column({ type: 'smallint' }) round: number;
  @Column({ type: 'uuid', name: 'from_school_id' }) fromSchoolId: string;
  @Column({ type: 'uuid', name: 'to_school_id' }) toSchoolId: string;
  @Column({ type: 'varchar', length: 20, default: 'planned' }) state: ShipmentState;
  @Column({ type: 'boolean', name: 'is_return', default: false }) isReturn: boolean;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('shipment_item')
export class ShipmentItem {
  @PrimaryColumn({ type: 'uuid', name: 'shipment_id' }) shipmentId: string;
  @PrimaryColumn({ type: 'uuid', name: 'copy_id' }) copyId: string;
  @Column({ type: 'varchar', length: 10, default: 'expected' }) status: 'expected' | 'received' | 'missing';
  @Column({ type: 'timestamptz', name: 'scanned_at', nullable: true }) scannedAt: Date | null;
  @Column({ type: 'uuid', name: 'scanned_by', nullable: true }) scannedBy: string | null;
}

@Entity('shipment_event')
export class ShipmentEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'shipment_id' }) shipmentId: string;
  @Column({ type: 'varchar', length: 20, name: 'from_state' }) fromState: string;
  @Column({ type: 'varchar', length: 20, name: 'to_state' }) toState: string;
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
}

@Entity('reading_note')
export class ReadingNote {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'copy_id' }) copyId: string;
  @Column({ type: 'uuid', name: 'student_id' }) studentId: string;
  @Column({ type: 'uuid', name: 'school_id' }) schoolId: string;
  @Column({ type: 'varchar', length: 500 }) body: string;
  @Column({ type: 'smallint' }) rating: number;
  @Column({ type: 'varchar', length: 10, default: 'pending' }) status: 'pending' | 'approved' | 'rejected';
  @Column({ type: 'uuid', name: 'reviewed_by', nullable: true }) reviewedBy: string | null;
  @Column({ type: 'timestamptz', name: 'reviewed_at', nullable: true }) reviewedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
