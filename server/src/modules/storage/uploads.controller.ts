import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, RequestLang } from '../../common/access.js';
import type { Lang } from '../../common/i18n.js';
import { STAFF_ROLES, type Principal } from '../../common/roles.js';
import { CreateUploadDto, PartUrlsDto, PartUrlsView, RecordPartDto, UploadView } from './uploads.dto.js';
import { uploadView } from './uploads.present.js';
import { UploadsService } from './uploads.service.js';

/** Resumable direct-to-store uploads: the bytes go from the browser to the object store, never through here. */
@ApiTags('uploads')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: UploadView })
  async create(@CurrentUser() p: Principal, @Body() dto: CreateUploadDto, @RequestLang() lang: Lang) {
    return uploadView(await this.uploads.create(p, dto), lang);
  }

  @Get(':id')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: UploadView })
  async get(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return uploadView(await this.uploads.get(p, id), lang);
  }

  @Post(':id/part-urls')
  @Access(STAFF_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: PartUrlsView })
  partUrls(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PartUrlsDto) {
    return this.uploads.partUrls(p, id, dto);
  }

  @Put(':id/parts/:n')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: UploadView })
  async recordPart(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('n', ParseIntPipe) n: number,
    @Body() dto: RecordPartDto,
    @RequestLang() lang: Lang,
  ) {
    return uploadView(await this.uploads.recordPart(p, id, n, dto), lang);
  }

  @Post(':id/complete')
  @Access(STAFF_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: UploadView })
  async complete(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return uploadView(await this.uploads.complete(p, id), lang);
  }

  @Delete(':id')
  @Access(STAFF_ROLES)
  @HttpCode(204)
  async cancel(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.uploads.cancel(p, id);
  }
}
