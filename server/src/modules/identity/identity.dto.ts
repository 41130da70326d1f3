import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination.js';
import { ROLES, TEACHER_TITLES, type Role } from '../../common/roles.js';
import { OneOf, OptionalInt, OptionalText, Text, UuidField } from '../../common/validation.js';

/** A new password: 8–72 characters (the service also wants letters and digits). */
const NewPassword = () => applyDecorators(MaxLength(72), MinLength(8), IsString(), ApiProperty({ minLength: 8, maxLength: 72 }));

/** A teacher's titles: at most four of TEACHER_TITLES. */
const Titles = () =>
  applyDecorators(
    IsIn(TEACHER_TITLES, { each: true }),
    ArrayMaxSize(4),
    IsArray(),
    IsOptional(),
    ApiPropertyOptional({ enum: TEACHER_TITLES, isArray: true }),
  );

export class LoginDto {
  @Text(64, { min: 1, description: 'username or phone number' }) login: string;
  @Text(128, { min: 1 }) password: string;
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
  @Text(128) currentPassword: string;
  @NewPassword() newPassword: string;
}

export class ResetPasswordDto {
  @NewPassword() newPassword: string;
}

const USERNAME = /^[a-zA-Z0-9_.-]{3,64}$/;
const PHONE = /^1[3-9]\d{9}$/;

export class CreateUserDto {
  @ApiProperty({ pattern: USERNAME.source }) @IsString() @Matches(USERNAME) username: string;
  @Text(50, { min: 1 }) displayName: string;
  @NewPassword() password: string;
  @OneOf(ROLES) role: Role;
  @UuidField({ optional: true }) schoolId?: string;
  @UuidField({ optional: true, description: 'group admins only' }) groupId?: string;
  @ApiPropertyOptional({ description: 'mainland mobile number' }) @IsOptional() @IsString() @Matches(PHONE) phone?: string;
  @Titles() titles?: string[];
  @OptionalInt(1, 12) grade?: number;
  @ApiPropertyOptional({ format: 'date', description: 'students: to know who needs a guardian' })
  @IsOptional()
  @IsDateString({ strict: true })
  birthDate?: string;
}

export class UpdateUserDto {
  @OptionalText(50, { min: 1 }) displayName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(PHONE) phone?: string;
  @Titles() titles?: string[];
  @OptionalInt(1, 12) grade?: number;
  @OneOf(['active', 'disabled'], { optional: true }) status?: 'active' | 'disabled';
}

export class UserQuery extends PageQuery {
  @UuidField({ optional: true }) schoolId?: string;
  @OneOf(ROLES, { optional: true }) role?: Role;
  @OptionalText(50, { description: 'name or username contains' }) q?: string;
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
  @UuidField() parentId: string;
  @OneOf(['father', 'mother', 'guardian'], { optional: true }) relation?: string;
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
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'why the import failed as a whole (not a row), in the caller language',
  })
  failureReason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'short-lived link to generated initial passwords' })
  credentialsUrl: string | null;
  @ApiProperty() createdAt: string;
}

export class ImportQuery {
  @UuidField() schoolId: string;
}
