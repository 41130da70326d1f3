import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
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
} from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination.js';
import { ROLES, TEACHER_TITLES, type Role } from '../../common/roles.js';

export class LoginDto {
  @ApiProperty({ description: 'username or phone number', maxLength: 64 })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  login: string;

  @ApiProperty({ maxLength: 128 }) @IsString() @MinLength(1) @MaxLength(128) password: string;
}

export class MeView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true }) schoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ type: [String] }) groupIds: string[];
  @ApiProperty({ type: [String] }) titles: string[];
  @ApiProperty({ type: Number, nullable: true }) grade: number | null;
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty({ description: 'a student under 14 without a guardian link' }) restricted: boolean;
}

export class LoginResult {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'seconds' }) expiresIn: number;
  @ApiProperty({ type: MeView }) user: MeView;
}

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 128 }) @IsString() @MaxLength(128) currentPassword: string;
  @ApiProperty({ minLength: 8, maxLength: 72 }) @IsString() @MinLength(8) @MaxLength(72) newPassword: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 8, maxLength: 72 }) @IsString() @MinLength(8) @MaxLength(72) newPassword: string;
}

const USERNAME = /^[a-zA-Z0-9_.-]{3,64}$/;
const PHONE = /^1[3-9]\d{9}$/;

export class CreateUserDto {
  @ApiProperty({ pattern: USERNAME.source }) @IsString() @Matches(USERNAME) username: string;
  @ApiProperty({ maxLength: 50 }) @IsString() @MinLength(1) @MaxLength(50) displayName: string;
  @ApiProperty({ minLength: 8, maxLength: 72 }) @IsString() @MinLength(8) @MaxLength(72) password: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'group admins only' }) @IsOptional() @IsUUID() groupId?: string;
  @ApiPropertyOptional({ description: 'mainland mobile number' }) @IsOptional() @IsString() @Matches(PHONE) phone?: string;
  @ApiPropertyOptional({ enum: TEACHER_TITLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(TEACHER_TITLES, { each: true })
  titles?: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 12 }) @IsOptional() @IsInt() @Min(1) @Max(12) grade?: number;
  @ApiPropertyOptional({ format: 'date', description: 'students: to know who needs a guardian' })
  @IsOptional()
  @IsDateString({ strict: true })
  birthDate?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 50 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(50) displayName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(PHONE) phone?: string;
  @ApiPropertyOptional({ enum: TEACHER_TITLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(TEACHER_TITLES, { each: true })
  titles?: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 12 }) @IsOptional() @IsInt() @Min(1) @Max(12) grade?: number;
  @ApiPropertyOptional({ enum: ['active', 'disabled'] }) @IsOptional() @IsIn(['active', 'disabled']) status?:
    'active' | 'disabled';
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ description: 'name or username contains', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true }) schoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) groupId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'masked, e.g. 138****1234' }) phone: string | null;
  @ApiProperty({ type: [String] }) titles: string[];
  @ApiProperty({ type: Number, nullable: true }) grade: number | null;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: 'active' | 'disabled';
  @ApiProperty() needsGuardian: boolean;
  @ApiProperty() createdAt: string;
}

export class UserPage extends PageOf(UserView) {}

export class LinkGuardianDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() parentId: string;
  @ApiPropertyOptional({ enum: ['father', 'mother', 'guardian'] })
  @IsOptional()
  @IsIn(['father', 'mother', 'guardian'])
  relation?: string;
}

export class ChildView {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: Number, nullable: true }) grade: number | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
}

export class ImportRowError {
  @ApiProperty({ description: 'row 1 is the first data row' }) row: number;
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class ImportView {
  @ApiProperty() id: string;
  @ApiProperty() schoolId: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status: string;
  @ApiProperty() total: number;
  @ApiProperty() processed: number;
  @ApiProperty() createdCount: number;
  @ApiProperty({ type: [ImportRowError], description: 'row-level errors' })
  errors: ImportRowError[];
  @ApiProperty({ type: String, nullable: true, description: 'short-lived link to generated initial passwords' })
  credentialsUrl: string | null;
  @ApiProperty() createdAt: string;
}

export class ImportQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
}
