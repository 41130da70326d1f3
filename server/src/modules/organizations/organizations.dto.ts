import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { OneOf, OptionalText, Text, UuidField } from '../../common/validation.js';
import { GROUP_KINDS, LOCALITIES, STAGES, type GroupKind, type Locality, type Stage } from './organization.entities.js';

export class CreateSchoolDto {
  @Text(100, { min: 2 }) name: string;
  @ApiProperty({ description: 'short unique code, letters/digits/-', maxLength: 20 })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{2,20}$/)
  code: string;
  @OneOf(LOCALITIES) locality: Locality;
  @OneOf(STAGES) stage: Stage;
  @OptionalText(100) district?: string;
}

export class UpdateSchoolDto {
  @OptionalText(100, { min: 2 }) name?: string;
  @OneOf(LOCALITIES, { optional: true }) locality?: Locality;
  @OneOf(STAGES, { optional: true }) stage?: Stage;
  @OptionalText(100) district?: string;
}

export class CreateGroupDto {
  @Text(100, { min: 2 }) name: string;
  @OneOf(GROUP_KINDS) kind: GroupKind;
  @OptionalText(100) region?: string;
  @UuidField() coreSchoolId: string;
}

export class AddMemberDto {
  @UuidField() schoolId: string;
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
