import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, RequestLang } from '../../common/access.js';
import { Conflicts } from '../../common/openapi.js';
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
  @ApiOperation({ summary: 'Start a resumable upload straight to the object store' })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: UploadView })
  async create(@CurrentUser() p: Principal, @Body() dto: CreateUploadDto, @RequestLang() lang: Lang) {
    return uploadView(await this.uploads.create(p, dto), lang);
  }

  @Get(':id')
  @ApiOperation({ summary: "Get one of the caller's uploads and the parts recorded so far" })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: UploadView })
  async get(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return uploadView(await this.uploads.get(p, id), lang);
  }

  @Post(':id/part-urls')
  @ApiOperation({ summary: "Get presigned URLs to PUT the upload's parts to" })
  @Access(STAFF_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: PartUrlsView })
  @Conflicts('The upload no longer takes parts: it is being verified, finished or cancelled')
  partUrls(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PartUrlsDto) {
    return this.uploads.partUrls(p, id, dto);
  }

  @Put(':id/parts/:n')
  @ApiOperation({ summary: 'Record a part the browser has uploaded (its number, size and ETag)' })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: UploadView })
  @Conflicts('The upload no longer takes parts: it is being verified, finished or cancelled')
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
  @ApiOperation({ summary: 'Finish an upload: the object store joins the parts and the server verifies the file' })
  @Access(STAFF_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: UploadView })
  @Conflicts('The upload no longer takes parts: it is being verified, finished or cancelled')
  async complete(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return uploadView(await this.uploads.complete(p, id), lang);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Cancel an upload and discard its parts' })
  @Access(STAFF_ROLES)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Cancelled' })
  @Conflicts('The upload is being verified, or a resource or lecture already uses it')
  async cancel(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.uploads.cancel(p, id);
  }
}
