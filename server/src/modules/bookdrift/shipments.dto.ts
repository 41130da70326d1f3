import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { SHIPMENT_STATES, type ShipmentState } from './bookdrift.entities.js';

// Shipments, scanning and "where does this copy belong?".

export class ShipmentView {
  @ApiProperty() id: string;
  @ApiProperty() campaignId: string;
  @ApiProperty() campaignName: string;
  @ApiProperty() round: number;
  @ApiProperty() isReturn: boolean;
  @ApiProperty() batchSchoolId: string;
  @ApiProperty() fromSchoolId: string;
  @ApiProperty() fromSchoolName: string;
  @ApiProperty() toSchoolId: string;
  @ApiProperty() toSchoolName: string;
  @ApiProperty({ enum: SHIPMENT_STATES }) state: ShipmentState;
  @ApiProperty() expected: number;
  @ApiProperty() received: number;
  @ApiProperty() missing: number;
}

export class ShipmentItemView {
  @ApiProperty() copyId: string;
  @ApiProperty() driftCode: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['expected', 'received', 'missing'] }) status: 'expected' | 'received' | 'missing';
  @ApiProperty({ type: String, nullable: true }) scannedAt: string | null;
}

export class ShipmentDetailView extends ShipmentView {
  @ApiProperty({ type: [ShipmentItemView] }) items: ShipmentItemView[];
  @ApiProperty({ type: [Object], description: 'state changes with who and when' })
  history: { fromState: string; toState: string; actor: string; at: string }[];
}

export class ScanDto {
  @ApiProperty({ description: 'drift code as typed (hyphens, spaces, any case) or the scanned QR text' })
  @IsString()
  @MaxLength(300)
  code: string;
}

export class ScanResultView {
  @ApiProperty({ enum: ['received', 'already_received', 'found'] }) result: 'received' | 'already_received' | 'found';
  @ApiProperty() driftCode: string;
  @ApiProperty() title: string;
  @ApiProperty() received: number;
  @ApiProperty() expected: number;
}

export class WhereView {
  @ApiProperty() driftCode: string;
  @ApiProperty() title: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: String, nullable: true }) shouldGoToSchoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) shouldGoToSchoolName: string | null;
}
