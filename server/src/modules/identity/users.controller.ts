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
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser } from '../../common/access.js';
import { langFromHeader } from '../../common/i18n.js';
import { ADMIN_ROLES, type Principal } from '../../common/roles.js';
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
import { MAX_IMPORT_BYTES, UserImportService } from './user-import.service.js';
import { UsersService, toUserView } from './users.service.js';

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly imports: UserImportService,
  ) {}

  @Get('users')
  @Access(ADMIN_ROLES)
  @ApiOkResponse({ type: UserPage })
  list(@CurrentUser() p: Principal, @Query() q: UserQuery) {
    return this.users.list(p, q);
  }

  @Post('users')
  @Access(ADMIN_ROLES)
  @ApiOkResponse({ type: UserView })
  create(@CurrentUser() p: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(p, dto);
  }

  @Get('users/:id')
  @Access(ADMIN_ROLES)
  @ApiOkResponse({ type: UserView })
  async get(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return toUserView(await this.users.get(p, id));
  }

  @Patch('users/:id')
  @Access(ADMIN_ROLES)
  @ApiOkResponse({ type: UserView })
  update(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(p, id, dto);
  }

  @Post('users/:id/password')
  @Access(ADMIN_ROLES)
  @HttpCode(204)
  async resetPassword(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResetPasswordDto) {
    await this.users.resetPassword(p, id, dto.newPassword);
  }

  @Post('users/:id/guardians')
  @Access(ADMIN_ROLES)
  @HttpCode(204)
  async linkGuardian(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LinkGuardianDto) {
    await this.users.linkGuardian(p, id, dto.parentId, dto.relation);
  }

  @Get('me/children')
  @Access(['parent'])
  @ApiOkResponse({ type: [ChildView] })
  children(@CurrentUser() p: Principal) {
    return this.users.children(p);
  }

  @Post('user-imports')
  @Access(['platform_admin', 'group_admin', 'school_admin'])
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { schoolId: { type: 'string' }, file: { type: 'string', format: 'binary' } } },
  })
  @ApiOkResponse({ type: ImportView })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES + 1, files: 1 } }))
  startImport(
    @CurrentUser() p: Principal,
    @Body() body: ImportQuery,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Headers('accept-language') lang?: string,
  ) {
    return this.imports.start(p, body.schoolId, file?.buffer, langFromHeader(lang));
  }

  @Get('user-imports')
  @Access(['platform_admin', 'group_admin', 'school_admin'])
  @ApiOkResponse({ type: [ImportView] })
  listImports(@CurrentUser() p: Principal, @Query() q: ImportQuery) {
    return this.imports.list(p, q.schoolId);
  }

  @Get('user-imports/:id')
  @Access(['platform_admin', 'group_admin', 'school_admin'])
  @ApiOkResponse({ type: ImportView })
  getImport(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.imports.view(p, id);
  }
}
