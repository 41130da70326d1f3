import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination.js';
import { COPY_STATES, type CopyState } from './bookdrift.entities.js';

// Catalogue import, browsing and copies.

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
