import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { COPY_STATES, type CopyState } from './bookdrift.entities.js';

// A copy's pages and reading notes.

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
