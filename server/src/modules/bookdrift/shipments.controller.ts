import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access, CurrentUser } from '../../common/access.js';
import { Conflicts } from '../../common/openapi.js';
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
  @ApiOperation({ summary: "List a school's shipments, outgoing and incoming" })
  @Access(R.librarians)
  @ApiOkResponse({ type: [ShipmentView] })
  shipments(@CurrentUser() p: Principal, @Query() q: SchoolQuery) {
    return this.shipmentViews.ofSchool(p, q.schoolId);
  }

  @Get('shipments/:id')
  @ApiOperation({ summary: 'Get a shipment with its copies' })
  @Access(R.librarians)
  @ApiOkResponse({ type: ShipmentDetailView })
  shipment(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipmentViews.detail(p, id);
  }

  @Post('shipments/:id/pack')
  @ApiOperation({ summary: "Pack a planned shipment: the batch's copies at the school go into the box" })
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  @Conflicts('The shipment is not planned, or no copy of the batch is at the school')
  pack(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipping.pack(p, id);
  }

  @Post('shipments/:id/send')
  @ApiOperation({ summary: 'Send a packed shipment: its copies are in transit' })
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  @Conflicts('The shipment is not packed, or none of its copies can leave')
  send(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipping.send(p, id);
  }

  @Post('shipments/:id/scan')
  @ApiOperation({ summary: 'Check in a received copy by its drift code' })
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ScanResultView })
  @Conflicts('The shipment is not in transit, or the copy belongs at another school (the message names it)')
  scan(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ScanDto) {
    return this.shipping.scan(p, id, dto.code);
  }

  @Post('shipments/:id/complete')
  @ApiOperation({ summary: 'Close the receipt of a shipment: copies not scanned are marked missing' })
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  @Conflicts('The shipment is not in transit, or was already received')
  complete(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipping.completeReceipt(p, id);
  }

  @Post('shipments/:id/cancel')
  @ApiOperation({ summary: 'Cancel a shipment not yet received (copies on the road go back to the sender)' })
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  @Conflicts('The shipment has already been received or cancelled')
  cancel(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipping.cancel(p, id);
  }
}
