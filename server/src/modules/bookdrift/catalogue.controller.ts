import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentUser } from '../../common/access.js';
import { Conflicts } from '../../common/openapi.js';
import type { Principal } from '../../common/roles.js';
import { BOOKDRIFT_ROLES as R } from './bookdrift.access.js';
import {
  CopyPage,
  CopyQuery,
  CopyView,
  ImportReportView,
  LabelsDto,
  ReportCopyDto,
  SchoolQuery,
  ShareDto,
} from './catalogue.dto.js';
import { BookdriftController } from './bookdrift.openapi.js';
import { MAX_CATALOGUE_BYTES } from './catalogue-import.js';
import { CatalogueImportService } from './catalogue-import.service.js';
import { CatalogueService } from './catalogue.service.js';
import { CopiesService } from './copies.service.js';

/** The library catalogue: import, browse, share for drift, labels, damage and loss. */
@BookdriftController()
export class CatalogueController {
  constructor(
    private readonly importer: CatalogueImportService,
    private readonly catalogue: CatalogueService,
    private readonly library: CopiesService,
  ) {}

  @Post('catalogue/import')
  @ApiOperation({ summary: "Import a school library's catalogue from a CSV file" })
  @Access(R.librarians)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { schoolId: { type: 'string' }, file: { type: 'string', format: 'binary' } } },
  })
  @ApiOkResponse({ type: ImportReportView })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_CATALOGUE_BYTES + 1, files: 1 } }))
  importCatalogue(@CurrentUser() p: Principal, @Body() body: SchoolQuery, @UploadedFile() file: { buffer: Buffer } | undefined) {
    return this.importer.importCatalogue(p, body.schoolId, file?.buffer);
  }

  @Get('copies')
  @ApiOperation({ summary: "List a school's book copies, a page at a time" })
  @Access(R.staff)
  @ApiOkResponse({ type: CopyPage })
  copies(@CurrentUser() p: Principal, @Query() q: CopyQuery) {
    return this.catalogue.listCopies(p, q);
  }

  @Post('copies/share')
  @ApiOperation({ summary: 'Offer copies for book drift, or withdraw the offer' })
  @Access(R.librarians)
  @ApiOkResponse({ type: [CopyView] })
  @Conflicts('A copy is damaged, lost or withdrawn, or already in a campaign batch')
  share(@CurrentUser() p: Principal, @Body() dto: ShareDto) {
    return this.library.setShared(p, dto.copyIds, dto.shared);
  }

  @Post('copies/labels')
  @ApiOperation({ summary: 'Print drift-code labels for copies (A4 PDF)' })
  @Access(R.librarians)
  @HttpCode(200)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A4 label sheet (PDF)', schema: { type: 'string', format: 'binary' } })
  async labels(@CurrentUser() p: Principal, @Body() dto: LabelsDto, @Res() res: Response) {
    const pdf = await this.library.labels(p, dto.copyIds);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', 'attachment; filename="drift-labels.pdf"');
    res.send(pdf);
  }

  @Post('copies/:id/report')
  @ApiOperation({ summary: 'Report a copy damaged, lost or withdrawn, or back on the shelf' })
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: CopyView })
  report(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReportCopyDto) {
    return this.library.reportCopy(p, id, dto);
  }
}
