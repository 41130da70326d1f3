import { Body, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access, CurrentUser } from '../../common/access.js';
import type { Principal } from '../../common/roles.js';
import { BOOKDRIFT_ROLES as R } from './bookdrift.access.js';
import { CreateListDto, ReadingListDetailView, ReadingListView } from './lists.dto.js';
import { BookdriftController } from './bookdrift.openapi.js';
import { ListsService } from './lists.service.js';

/** Reading lists: browse, create, follow, copy. */
@BookdriftController()
export class ListsController {
  constructor(private readonly lists: ListsService) {}

  @Get('lists')
  @ApiOperation({ summary: 'List the reading lists the caller may see' })
  @Access('signed-in')
  @ApiOkResponse({ type: [ReadingListView] })
  readingLists(@CurrentUser() p: Principal) {
    return this.lists.list(p);
  }

  @Post('lists')
  @ApiOperation({ summary: 'Create a reading list' })
  @Access(R.listKeepers)
  @ApiOkResponse({ type: ReadingListDetailView })
  createList(@CurrentUser() p: Principal, @Body() dto: CreateListDto) {
    return this.lists.create(p, dto);
  }

  @Get('lists/:id')
  @ApiOperation({ summary: "Get a reading list with what the caller's school holds and what could come by drift" })
  @Access('signed-in')
  @ApiOkResponse({ type: ReadingListDetailView })
  readingList(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.get(p, id);
  }

  @Post('lists/:id/follow')
  @ApiOperation({ summary: "Follow a reading list for the caller's school" })
  @Access(R.listKeepers)
  @HttpCode(200)
  @ApiOkResponse({ type: ReadingListView })
  follow(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.follow(p, id, true);
  }

  @Delete('lists/:id/follow')
  @ApiOperation({ summary: 'Stop following a reading list' })
  @Access(R.listKeepers)
  @ApiOkResponse({ type: ReadingListView })
  unfollow(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.follow(p, id, false);
  }

  @Post('lists/:id/copy')
  @ApiOperation({ summary: "Copy a reading list into the caller's school, to edit as its own" })
  @Access(R.listKeepers)
  @ApiOkResponse({ type: ReadingListDetailView })
  copyList(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.copy(p, id);
  }
}
