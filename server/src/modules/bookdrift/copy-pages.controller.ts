import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access, CurrentUser, Public, RequestLang } from '../../common/access.js';
import { Conflicts } from '../../common/openapi.js';
import type { Lang } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { BOOKDRIFT_ROLES as R } from './bookdrift.access.js';
import { CreateNoteDto, DriftCopyView, NoteView, PublicDriftCopyView, ReviewNoteDto } from './copy-pages.dto.js';
import { ScanDto, WhereView } from './shipments.dto.js';
import { BookdriftController } from './bookdrift.openapi.js';
import { presentCopyPage, presentWhere } from './bookdrift.present.js';
import { NotesService } from './notes.service.js';
import { ShipmentsService } from './shipments.service.js';

/** A copy's pages (signed-in and public), pupils' reading notes and their review, and "where does this copy belong?". */
@BookdriftController()
export class CopyPagesController {
  constructor(
    private readonly notes: NotesService,
    private readonly shipping: ShipmentsService,
  ) {}

  @Get('drift/:code')
  @ApiOperation({ summary: "Get a copy's page by its drift code: the book, its journey and reading notes" })
  @Access('signed-in')
  @ApiOkResponse({ type: DriftCopyView })
  async copyPage(@CurrentUser() p: Principal, @Param('code') code: string, @RequestLang() lang: Lang) {
    return presentCopyPage(await this.notes.copyPage(p, code), lang);
  }

  @Get('public/drift/:code')
  @ApiOperation({ summary: 'Get what anyone who scans a label may see of a copy' })
  @Public()
  @ApiOkResponse({ type: PublicDriftCopyView, description: 'what anyone who scans a label may see (no names, no note text)' })
  publicCopyPage(@Param('code') code: string) {
    return this.notes.publicCopyPage(code);
  }

  @Post('drift/:code/notes')
  @ApiOperation({ summary: 'Write a reading note on a copy (a teacher reviews it before others see it)' })
  @Access(R.noteWriters)
  @ApiOkResponse({ type: NoteView })
  @Conflicts('The pupil has already written three notes on this copy')
  writeNote(@CurrentUser() p: Principal, @Param('code') code: string, @Body() dto: CreateNoteDto) {
    return this.notes.writeNote(p, code, dto.body, dto.rating);
  }

  @Get('notes/pending')
  @ApiOperation({ summary: "List the reading notes waiting for the caller's review" })
  @Access(R.noteReviewers)
  @ApiOkResponse({ type: [NoteView] })
  pendingNotes(@CurrentUser() p: Principal) {
    return this.notes.pending(p);
  }

  @Post('notes/:id/review')
  @ApiOperation({ summary: 'Approve or reject a reading note' })
  @Access(R.noteReviewers)
  @HttpCode(200)
  @ApiOkResponse({ type: NoteView })
  @Conflicts('The note has already been reviewed')
  review(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewNoteDto) {
    return this.notes.review(p, id, dto.approve);
  }

  @Post('where')
  @ApiOperation({ summary: 'Find where a scanned copy belongs now' })
  @Access(R.staff)
  @HttpCode(200)
  @ApiOkResponse({ type: WhereView })
  async where(@CurrentUser() p: Principal, @Body() dto: ScanDto, @RequestLang() lang: Lang) {
    return presentWhere(await this.shipping.where(p, dto.code), lang);
  }
}
