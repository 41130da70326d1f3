import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Access, CurrentUser } from '../../common/access.js';
import type { Principal } from '../../common/roles.js';
import { BOOKDRIFT_ROLES as R } from './bookdrift.access.js';
import { SchoolQuery } from './catalogue.dto.js';
import { ScanDto, ScanResultView, ShipmentDetailView, ShipmentView } from './shipments.dto.js';
import { BookdriftController } from './bookdrift.openapi.js';
import { ShipmentViewsService } from './shipment-views.service.js';
import { ShipmentsService } from './shipments.service.js';

/** Shipments: a school's list, one shipment, pack, send, scan, receive, cancel. */
@BookdriftController()
export class ShipmentsController {
  constructor(
    private readonly shipmentViews: ShipmentViewsService,
    private readonly shipping: ShipmentsService,
  ) {}

  @Get('shipments')
  @Access(R.librarians)
  @ApiOkResponse({ type: [ShipmentView] })
  shipments(@CurrentUser() p: Principal, @Query() q: SchoolQuery) {
    return this.shipmentViews.ofSchool(p, q.schoolId);
  }

  @Get('shipments/:id')
  @Access(R.librarians)
  @ApiOkResponse({ type: ShipmentDetailView })
  shipment(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipmentViews.detail(p, id);
  }

  @Post('shipments/:id/pack')
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  pack(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipping.pack(p, id);
  }

  @Post('shipments/:id/send')
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  send(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipping.send(p, id);
  }

  @Post('shipments/:id/scan')
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ScanResultView })
  scan(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ScanDto) {
    return this.shipping.scan(p, id, dto.code);
  }

  @Post('shipments/:id/complete')
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  complete(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipping.completeReceipt(p, id);
  }

  @Post('shipments/:id/cancel')
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  cancel(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipping.cancel(p, id);
  }
}
