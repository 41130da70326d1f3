import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { VISIBILITIES, type Visibility } from './bookdrift.entities.js';

// Reading lists.

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
