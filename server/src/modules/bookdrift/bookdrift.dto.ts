import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination.js';
import {
  COPY_STATES,
  SHIPMENT_STATES,
  VISIBILITIES,
  type CopyState,
  type ShipmentState,
  type Visibility,
} from './bookdrift.entities.js';

export class SchoolQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
}

export class CopyQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiPropertyOptional({ enum: COPY_STATES }) @IsOptional() @IsIn(COPY_STATES) state?: CopyState;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) shared?: 'true' | 'false';
  @ApiPropertyOptional({ description: 'title, author or ISBN', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ImportRowView {
  @ApiProperty() row: number;
  @ApiProperty() isbn: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['new_title', 'merged'] }) outcome: 'new_title' | 'merged';
  @ApiProperty() copies: number;
}

export class ImportReportView {
  @ApiProperty() rows: number;
  @ApiProperty() titlesCreated: number;
  @ApiProperty() titlesMerged: number;
  @ApiProperty() copiesCreated: number;
  @ApiProperty() millis: number;
  @ApiProperty({ type: [ImportRowView], description: 'row by row (the first 2000 rows)' }) report: ImportRowView[];
}

export class CopyView {
  @ApiProperty() id: string;
  @ApiProperty() titleId: string;
  @ApiProperty() isbn: string;
  @ApiProperty() title: string;
  @ApiProperty() author: string;
  @ApiProperty() publisher: string;
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
  @ApiProperty() gradeBand: string;
  @ApiProperty({ type: [String] }) categories: string[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() schoolId: string;
  @ApiProperty() shelf: string;
  @ApiProperty({ enum: COPY_STATES }) state: CopyState;
  @ApiProperty() shared: boolean;
  @ApiProperty({ type: String, nullable: true }) driftCode: string | null;
  @ApiProperty({ type: String, nullable: true }) locationSchoolId: string | null;
}

export class CopyPage extends PageOf(CopyView) {}

export class ShareDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  copyIds: string[];
  @ApiProperty() @IsBoolean() shared: boolean;
}

export class LabelsDto {
  @ApiProperty({ type: [String], description: 'shared copies to print (up to 960, 40 pages)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(960)
  @IsUUID('all', { each: true })
  copyIds: string[];
}

export class ReportCopyDto {
  @ApiProperty({ enum: ['damaged', 'lost', 'withdrawn', 'on_shelf'] })
  @IsIn(['damaged', 'lost', 'withdrawn', 'on_shelf'])
  state: 'damaged' | 'lost' | 'withdrawn' | 'on_shelf';
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) note?: string;
}

// ---- reading lists

export class ListEntryDto {
  @ApiProperty() @IsString() @MaxLength(30) isbn: string;
  @ApiProperty({ maxLength: 300 }) @IsString() @MinLength(1) @MaxLength(300) title: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) author?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class CreateListDto {
  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional({ maxLength: 20 }) @IsOptional() @IsString() @MaxLength(20) gradeBand?: string;
  @ApiProperty({ enum: VISIBILITIES }) @IsIn(VISIBILITIES) visibility: Visibility;
  @ApiProperty({ type: [ListEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ListEntryDto)
  entries: ListEntryDto[];
}

export class ListEntryView {
  @ApiProperty() position: number;
  @ApiProperty() isbn: string;
  @ApiProperty() title: string;
  @ApiProperty() author: string;
  @ApiProperty() note: string;
  @ApiProperty({ description: 'copies on the viewer school’s shelves' }) held: number;
  @ApiProperty({ description: 'shared copies at other schools of the group (could come by drift)' }) byDrift: number;
}

export class ReadingListView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() gradeBand: string;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ApiProperty() schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty() entryCount: number;
  @ApiProperty() followedByMySchool: boolean;
  @ApiProperty() mine: boolean;
  @ApiProperty({ type: String, nullable: true }) copiedFrom: string | null;
  @ApiProperty() createdAt: string;
}

export class ReadingListDetailView extends ReadingListView {
  @ApiProperty({ type: [ListEntryView] }) entries: ListEntryView[];
}

// ---- campaigns

export class CreateCampaignDto {
  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(2) @MaxLength(100) name: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(30)
  @IsUUID('all', { each: true })
  schoolIds: string[];
  @ApiProperty({ example: '2026-03-02' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) startDate: string;
  @ApiProperty({ minimum: 1, maximum: 26 }) @IsInt() @Min(1) @Max(26) roundWeeks: number;
  @ApiProperty({ minimum: 1, maximum: 60 }) @IsInt() @Min(1) @Max(60) rounds: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 14 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  missingDays?: number;
}

export class LegDto {
  @ApiProperty() @IsInt() @Min(1) @Max(200) round: number;
  @ApiProperty({ format: 'uuid' }) @IsUUID() batchSchoolId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() toSchoolId: string;
}

export class ScheduleDto {
  @ApiProperty({ type: [LegDto] })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => LegDto)
  legs: LegDto[];
}

export class BatchDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  copyIds: string[];
}

export class MembershipChangeDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ description: 'first round the change applies to' }) @IsInt() @Min(1) @Max(200) fromRound: number;
}

export class LegView {
  @ApiProperty() round: number;
  @ApiProperty() batchSchoolId: string;
  @ApiProperty() fromSchoolId: string;
  @ApiProperty() toSchoolId: string;
}

export class CampaignSchoolView {
  @ApiProperty() schoolId: string;
  @ApiProperty() name: string;
  @ApiProperty() locality: string;
  @ApiProperty() joinedRound: number;
  @ApiProperty({ type: Number, nullable: true }) leftRound: number | null;
  @ApiProperty({ type: String, nullable: true }) batchId: string | null;
  @ApiProperty() batchCopies: number;
}

export class ShipmentView {
  @ApiProperty() id: string;
  @ApiProperty() campaignId: string;
  @ApiProperty() campaignName: string;
  @ApiProperty() round: number;
  @ApiProperty() isReturn: boolean;
  @ApiProperty() batchSchoolId: string;
  @ApiProperty() fromSchoolId: string;
  @ApiProperty() fromSchoolName: string;
  @ApiProperty() toSchoolId: string;
  @ApiProperty() toSchoolName: string;
  @ApiProperty({ enum: SHIPMENT_STATES }) state: ShipmentState;
  @ApiProperty() expected: number;
  @ApiProperty() received: number;
  @ApiProperty() missing: number;
}

export class ShipmentItemView {
  @ApiProperty() copyId: string;
  @ApiProperty() driftCode: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['expected', 'received', 'missing'] }) status: 'expected' | 'received' | 'missing';
  @ApiProperty({ type: String, nullable: true }) scannedAt: string | null;
}

export class ShipmentDetailView extends ShipmentView {
  @ApiProperty({ type: [ShipmentItemView] }) items: ShipmentItemView[];
  @ApiProperty({ type: [Object], description: 'state changes with who and when' })
  history: { fromState: string; toState: string; actor: string; at: string }[];
}

export class CampaignView {
  @ApiProperty() id: string;
  @ApiProperty() groupId: string;
  @ApiProperty() name: string;
  @ApiProperty() startDate: string;
  @ApiProperty() roundWeeks: number;
  @ApiProperty() rounds: number;
  @ApiProperty() missingDays: number;
  @ApiProperty({ type: [CampaignSchoolView] }) schools: CampaignSchoolView[];
  @ApiProperty({ type: [LegView] }) legs: LegView[];
  @ApiProperty({ type: [ShipmentView] }) shipments: ShipmentView[];
}

export class ScanDto {
  @ApiProperty({ description: 'drift code as typed (hyphens, spaces, any case) or the scanned QR text' })
  @IsString()
  @MaxLength(300)
  code: string;
}

export class ScanResultView {
  @ApiProperty({ enum: ['received', 'already_received', 'found'] }) result: 'received' | 'already_received' | 'found';
  @ApiProperty() driftCode: string;
  @ApiProperty() title: string;
  @ApiProperty() received: number;
  @ApiProperty() expected: number;
}

export class WhereView {
  @ApiProperty() driftCode: string;
  @ApiProperty() title: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: String, nullable: true }) shouldGoToSchoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) shouldGoToSchoolName: string | null;
}

// ---- copy page, notes, dashboard

export class JourneyStopView {
  @ApiProperty() schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty() arrivedAt: string;
}

export class CopyEventView {
  @ApiProperty() kind: string;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty() actor: string;
  @ApiProperty() note: string;
  @ApiProperty() at: string;
}

export class NoteView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'the student’s given name only' }) author: string;
  @ApiProperty() schoolName: string;
  @ApiProperty() body: string;
  @ApiProperty() rating: number;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status: 'pending' | 'approved' | 'rejected';
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional() bookTitle?: string;
  @ApiPropertyOptional() driftCode?: string;
}

export class DriftCopyView {
  @ApiProperty() driftCode: string;
  @ApiProperty() title: string;
  @ApiProperty() author: string;
  @ApiProperty() isbn: string;
  @ApiProperty() homeSchoolName: string;
  @ApiProperty({ type: String, nullable: true }) hereSchoolName: string | null;
  @ApiProperty({ enum: COPY_STATES }) state: CopyState;
  @ApiProperty({ type: [JourneyStopView] }) journey: JourneyStopView[];
  @ApiProperty({ type: [NoteView] }) notes: NoteView[];
  @ApiProperty({ type: [NoteView], description: 'the caller’s own notes awaiting approval' }) myPendingNotes: NoteView[];
  @ApiProperty({ type: [CopyEventView], description: 'staff only: every state change' }) events: CopyEventView[];
  @ApiProperty() canWriteNote: boolean;
}

/** What anyone who scans a label may see: no person's name or id, no note text. */
export class PublicJourneyStopView {
  @ApiProperty() schoolName: string;
  @ApiProperty() arrivedAt: string;
}

export class PublicDriftCopyView {
  @ApiProperty() driftCode: string;
  @ApiProperty() title: string;
  @ApiProperty() author: string;
  @ApiProperty() homeSchoolName: string;
  @ApiProperty({ type: [PublicJourneyStopView], description: 'schools the copy has been at, in order' })
  journey: PublicJourneyStopView[];
  @ApiProperty({ description: 'approved reading notes (their text needs sign-in)' }) approvedNotes: number;
}

export class CreateNoteDto {
  @ApiProperty({ minLength: 5, maxLength: 500 }) @IsString() @MinLength(5) @MaxLength(500) body: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) rating: number;
}

export class ReviewNoteDto {
  @ApiProperty() @IsBoolean() approve: boolean;
}

export class DashboardRowView {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() booksDrifting: number;
  @ApiProperty() copiesReceived: number;
  @ApiProperty() copiesRead: number;
  @ApiProperty() notesWritten: number;
  @ApiProperty() lost: number;
  @ApiProperty() damaged: number;
}

export class DashboardView {
  @ApiProperty() booksDrifting: number;
  @ApiProperty() schoolsReached: number;
  @ApiProperty() copiesRead: number;
  @ApiProperty() notesWritten: number;
  @ApiProperty() lost: number;
  @ApiProperty() damaged: number;
  @ApiProperty({ type: [DashboardRowView] }) perSchool: DashboardRowView[];
  @ApiProperty({ type: [DashboardRowView] }) perRound: DashboardRowView[];
  @ApiProperty({ type: [DashboardRowView], description: 'urban vs township/rural schools' }) perLocality: DashboardRowView[];
}
