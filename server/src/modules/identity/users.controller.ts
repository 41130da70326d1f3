import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, RequestLang } from '../../common/access.js';
import { langFromHeader, type Lang } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { ACCOUNT_ADMIN_ROLES } from './identity.access.js';
import {
  ChildView,
  CreateUserDto,
  ImportQuery,
  ImportView,
  LinkGuardianDto,
  ResetPasswordDto,
  UpdateUserDto,
  UserPage,
  UserQuery,
  UserView,
} from './identity.dto.js';
import { MAX_IMPORT_BYTES } from './user-import.csv.js';
import { UserImportService } from './user-import.service.js';
import { toImportView, toUserView } from './users.present.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly imports: UserImportService,
  ) {}

  @Get('users')
  @ApiOperation({ summary: 'List the accounts the caller administers, a page at a time' })
  @Access(ACCOUNT_ADMIN_ROLES)
  @ApiOkResponse({ type: UserPage })
  list(@CurrentUser() p: Principal, @Query() q: UserQuery) {
    return this.users.list(p, q);
  }

  @Post('users')
  @ApiOperation({ summary: 'Create an account in a school the caller administers' })
  @Access(ACCOUNT_ADMIN_ROLES)
  @ApiOkResponse({ type: UserView })
  create(@CurrentUser() p: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(p, dto);
  }

  @Get('users/:id')
  @ApiOperation({ summary: 'Get one account' })
  @Access(ACCOUNT_ADMIN_ROLES)
  @ApiOkResponse({ type: UserView })
  async get(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return toUserView(await this.users.get(p, id));
  }

  @Patch('users/:id')
  @ApiOperation({ summary: "Update an account's name, phone, titles, grade or status" })
  @Access(ACCOUNT_ADMIN_ROLES)
  @ApiOkResponse({ type: UserView })
  update(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(p, id, dto);
  }

  @Post('users/:id/password')
  @ApiOperation({ summary: 'Set a new password for an account: its sessions end and it must be changed at next sign-in' })
  @Access(ACCOUNT_ADMIN_ROLES)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password set' })
  async resetPassword(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResetPasswordDto) {
    await this.users.resetPassword(p, id, dto.newPassword);
  }

  @Post('users/:id/guardians')
  @ApiOperation({ summary: 'Link a parent account to a pupil as guardian' })
  @Access(ACCOUNT_ADMIN_ROLES)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Linked' })
  async linkGuardian(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LinkGuardianDto) {
    await this.users.linkGuardian(p, id, dto.parentId, dto.relation);
  }

  @Get('me/children')
  @ApiOperation({ summary: 'List the pupils the calling parent is guardian of' })
  @Access(['parent'])
  @ApiOkResponse({ type: [ChildView] })
  children(@CurrentUser() p: Principal) {
    return this.users.children(p);
  }

  @Post('user-imports')
  @ApiOperation({ summary: 'Import accounts into a school from a CSV file (UTF-8 or GB18030)' })
  @Access(ACCOUNT_ADMIN_ROLES)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { schoolId: { type: 'string' }, file: { type: 'string', format: 'binary' } } },
  })
  @ApiOkResponse({ type: ImportView })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES + 1, files: 1 } }))
  async startImport(
    @CurrentUser() p: Principal,
    @Body() body: ImportQuery,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    // read with @Headers, not @RequestLang: the OpenAPI document has always declared this header here
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return toImportView(await this.imports.start(p, body.schoolId, file?.buffer), langFromHeader(acceptLanguage));
  }

  @Get('user-imports')
  @ApiOperation({ summary: "List a school's account imports" })
  @Access(ACCOUNT_ADMIN_ROLES)
  @ApiOkResponse({ type: [ImportView] })
  async listImports(@CurrentUser() p: Principal, @Query() q: ImportQuery, @RequestLang() lang: Lang) {
    return (await this.imports.list(p, q.schoolId)).map((r) => toImportView(r, lang));
  }

  @Get('user-imports/:id')
  @ApiOperation({ summary: 'Get an account import with its report and row errors' })
  @Access(ACCOUNT_ADMIN_ROLES)
  @ApiOkResponse({ type: ImportView })
  async getImport(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return toImportView(await this.imports.view(p, id), lang);
  }
}
