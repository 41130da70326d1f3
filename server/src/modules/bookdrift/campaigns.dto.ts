import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { ShipmentView } from './shipments.dto.js';

// Drift campaigns and their dashboard.

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
