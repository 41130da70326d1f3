import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser } from '../../common/access.js';
import { langFromHeader } from '../../common/i18n.js';
import { STAFF_ROLES, type Principal } from '../../common/roles.js';
import { CreateUploadDto, PartUrlsDto, PartUrlsView, RecordPartDto, UploadView } from './uploads.dto.js';
import { UploadsService } from './uploads.service.js';

/** Resumable direct-to-store uploads: the bytes go from the browser to the object store, never through here. */
@ApiTags('uploads')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: UploadView })
  create(@CurrentUser() p: Principal, @Body() dto: CreateUploadDto, @Headers('accept-language') lang?: string) {
    return this.uploads.create(p, dto, langFromHeader(lang));
  }

  @Get(':id')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: UploadView })
  get(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Headers('accept-language') lang?: string) {
    return this.uploads.get(p, id, langFromHeader(lang));
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
  recordPart(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('n', ParseIntPipe) n: number,
    @Body() dto: RecordPartDto,
    @Headers('accept-language') lang?: string,
  ) {
    return this.uploads.recordPart(p, id, n, dto, langFromHeader(lang));
  }

  @Post(':id/complete')
  @Access(STAFF_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: UploadView })
  complete(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Headers('accept-language') lang?: string) {
    return this.uploads.complete(p, id, langFromHeader(lang));
  }

  @Delete(':id')
  @Access(STAFF_ROLES)
  @HttpCode(204)
  async cancel(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.uploads.cancel(p, id);
  }
}
