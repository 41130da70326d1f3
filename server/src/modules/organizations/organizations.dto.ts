import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { GROUP_KINDS, LOCALITIES, STAGES, type GroupKind, type Locality, type Stage } from './organization.entities.js';

export class CreateSchoolDto {
  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(2) @MaxLength(100) name: string;
  @ApiProperty({ description: 'short unique code, letters/digits/-', maxLength: 20 })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{2,20}$/)
  code: string;
  @ApiProperty({ enum: LOCALITIES }) @IsIn(LOCALITIES) locality: Locality;
  @ApiProperty({ enum: STAGES }) @IsIn(STAGES) stage: Stage;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) district?: string;
}

export class UpdateSchoolDto {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MinLength(2) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ enum: LOCALITIES }) @IsOptional() @IsIn(LOCALITIES) locality?: Locality;
  @ApiPropertyOptional({ enum: STAGES }) @IsOptional() @IsIn(STAGES) stage?: Stage;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) district?: string;
}

export class CreateGroupDto {
  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(2) @MaxLength(100) name: string;
  @ApiProperty({ enum: GROUP_KINDS }) @IsIn(GROUP_KINDS) kind: GroupKind;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) region?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() coreSchoolId: string;
}

export class AddMemberDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
}

export class SchoolView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: LOCALITIES }) locality: Locality;
  @ApiProperty({ enum: STAGES }) stage: Stage;
  @ApiProperty() district: string;
}

export class GroupSchoolView extends SchoolView {
  @ApiProperty({ enum: ['core', 'member'] }) role: 'core' | 'member';
}

export class GroupView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: GROUP_KINDS }) kind: GroupKind;
  @ApiProperty() region: string;
  @ApiProperty({ type: String, nullable: true }) coreSchoolId: string | null;
  @ApiProperty({ type: [GroupSchoolView] }) schools: GroupSchoolView[];
}
