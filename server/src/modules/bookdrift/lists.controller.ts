import { Body, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
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
  @Access('signed-in')
  @ApiOkResponse({ type: [ReadingListView] })
  readingLists(@CurrentUser() p: Principal) {
    return this.lists.list(p);
  }

  @Post('lists')
  @Access(R.listKeepers)
  @ApiOkResponse({ type: ReadingListDetailView })
  createList(@CurrentUser() p: Principal, @Body() dto: CreateListDto) {
    return this.lists.create(p, dto);
  }

  @Get('lists/:id')
  @Access('signed-in')
  @ApiOkResponse({ type: ReadingListDetailView })
  readingList(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.get(p, id);
  }

  @Post('lists/:id/follow')
  @Access(R.listKeepers)
  @HttpCode(200)
  @ApiOkResponse({ type: ReadingListView })
  follow(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.follow(p, id, true);
  }

  @Delete('lists/:id/follow')
  @Access(R.listKeepers)
  @ApiOkResponse({ type: ReadingListView })
  unfollow(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.follow(p, id, false);
  }

  @Post('lists/:id/copy')
  @Access(R.listKeepers)
  @ApiOkResponse({ type: ReadingListDetailView })
  copyList(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.copy(p, id);
  }
}
