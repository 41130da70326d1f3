import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { BLOB_KINDS, UPLOAD_PURPOSES, UPLOAD_STATES, type UploadPurpose, type UploadState } from './storage.entities.js';

export class CreateUploadDto {
  @ApiProperty({ enum: UPLOAD_PURPOSES }) @IsIn(UPLOAD_PURPOSES) purpose: UploadPurpose;

  @ApiProperty({ maxLength: 255, description: 'the original file name, shown back to users' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  // no control characters or path separators
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\x00-\x1f\x7f/\\]+$/)
  fileName: string;

  @ApiProperty({ description: 'bytes', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  size: number;

  @ApiPropertyOptional({ maxLength: 100, description: "the browser's guess; the server sniffs the real type" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[\w.+-]+\/[\w.+-]+$/)
  contentType?: string;
}

export class PartUrlsDto {
  @ApiProperty({ type: [Number], description: 'part numbers (1-based), at most 100 at a time' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(10000, { each: true })
  partNumbers: number[];

  @ApiPropertyOptional({ description: 'seconds the URLs stay valid (default 3600)', minimum: 1, maximum: 3600 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3600)
  expiresInSeconds?: number;
}

export class RecordPartDto {
  @ApiProperty({ maxLength: 200, description: 'the ETag header the object store answered the part PUT with' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/^[\x20-\x7e]+$/)
  etag: string;

  @ApiProperty({ description: 'bytes of the part' }) @IsInt() @Min(1) @Max(5 * 1024 ** 3) size: number;
}

export class StoredPartView {
  @ApiProperty() partNumber: number;
  @ApiProperty() etag: string;
  @ApiProperty() size: number;
}

export class PartUrlView {
  @ApiProperty() partNumber: number;
  @ApiProperty() url: string;
}

export class PartUrlsView {
  @ApiProperty({ type: [PartUrlView] }) urls: PartUrlView[];
  @ApiProperty() expiresAt: string;
}

export class UploadView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: UPLOAD_PURPOSES }) purpose: UploadPurpose;
  @ApiProperty() fileName: string;
  @ApiProperty() size: number;
  @ApiProperty() partSize: number;
  @ApiProperty() partCount: number;
  @ApiProperty({ enum: UPLOAD_STATES }) state: UploadState;
  @ApiProperty({ type: [StoredPartView] }) storedParts: StoredPartView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'why it was rejected or cancelled, in the caller language' })
  reason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'machine-readable reason code' })
  reasonCode: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: BLOB_KINDS }) kind: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) mime: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) sha256: string | null;
  @ApiProperty() createdAt: string;
}
