import type { MigrationInterface, MixedList, QueryRunner } from 'typeorm';
import {
  BookCopy,
  BookTitle,
  CampaignBatch,
  CampaignLeg,
  CampaignSchool,
  CopyEvent,
  DriftCampaign,
  ReadingList,
  ReadingListEntry,
  ReadingListFollow,
  ReadingNote,
  Shipment,
  ShipmentEvent,
  ShipmentItem,
} from './bookdrift.entities.js';

export class Bookdrift1764000000000 implements MigrationInterface {
  name = 'Bookdrift1764000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE book_title (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES school(id) ON DELETE CASCADE,
        isbn char(13) NOT NULL,
        title varchar(300) NOT NULL,
        author varchar(200) NOT NULL DEFAULT '',
        publisher varchar(200) NOT NULL DEFAULT '',
        year smallint NULL,
        grade_band varchar(20) NOT NULL DEFAULT '',
        categories text[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, isbn)
      );
      CREATE INDEX book_title_isbn ON book_title (isbn);
      CREATE TABLE drift_campaign (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES education_group(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        start_date date NOT NULL,
        round_weeks smallint NOT NULL,
        rounds smallint NOT NULL,
        missing_days smallint NOT NULL DEFAULT 14,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE campaign_school (
        campaign_id uuid NOT NULL REFERENCES drift_campaign(id) ON DELETE CASCADE,
        school_id uuid NOT NULL REFERENCES school(id),
        joined_round smallint NOT NULL DEFAULT 1,
        left_round smallint NULL,
        PRIMARY KEY (campaign_id, school_id)
      );
      CREATE TABLE campaign_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES drift_campaign(id) ON DELETE CASCADE,
        school_id uuid NOT NULL REFERENCES school(id),
        UNIQUE (campaign_id, school_id)
      );
      CREATE TABLE campaign_leg (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES drift_campaign(id) ON DELETE CASCADE,
        round smallint NOT NULL,
        batch_school_id uuid NOT NULL,
        from_school_id uuid NOT NULL,
        to_school_id uuid NOT NULL,
        UNIQUE (campaign_id, round, to_school_id),
        UNIQUE (campaign_id, round, batch_school_id)
      );
      CREATE TABLE shipment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES drift_campaign(id) ON DELETE CASCADE,
        batch_id uuid NOT NULL REFERENCES campaign_batch(id) ON DELETE CASCADE,
        round smallint NOT NULL,
        from_school_id uuid NOT NULL REFERENCES school(id),
        to_school_id uuid NOT NULL REFERENCES school(id),
        state varchar(20) NOT NULL DEFAULT 'planned',
        is_return boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX shipment_to ON shipment (to_school_id, state);
      CREATE INDEX shipment_from ON shipment (from_school_id, state);
      CREATE INDEX shipment_campaign ON shipment (campaign_id, round);
      CREATE TABLE book_copy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title_id uuid NOT NULL REFERENCES book_title(id) ON DELETE CASCADE,
        school_id uuid NOT NULL REFERENCES school(id),
        shelf varchar(50) NOT NULL DEFAULT '',
        state varchar(20) NOT NULL DEFAULT 'on_shelf',
        shared boolean NOT NULL DEFAULT false,
        drift_code char(8) NULL UNIQUE,
        location_school_id uuid NULL REFERENCES school(id),
        shipment_id uuid NULL REFERENCES shipment(id) ON DELETE SET NULL,
        batch_id uuid NULL REFERENCES campaign_batch(id) ON DELETE SET NULL,
        missing_since timestamptz NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((location_school_id IS NULL) <> (shipment_id IS NULL) OR state IN ('missing', 'lost', 'withdrawn'))
      );
      CREATE INDEX book_copy_title ON book_copy (title_id);
      CREATE INDEX book_copy_school ON book_copy (school_id, state);
      CREATE INDEX book_copy_batch ON book_copy (batch_id);
      CREATE TABLE copy_event (
        id bigserial PRIMARY KEY,
        copy_id uuid NOT NULL REFERENCES book_copy(id) ON DELETE CASCADE,
        kind varchar(30) NOT NULL,
        school_id uuid NULL,
        shipment_id uuid NULL,
        actor_id uuid NULL,
        note varchar(300) NOT NULL DEFAULT '',
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX copy_event_copy ON copy_event (copy_id, id);
      CREATE TABLE shipment_item (
        shipment_id uuid NOT NULL REFERENCES shipment(id) ON DELETE CASCADE,
        copy_id uuid NOT NULL REFERENCES book_copy(id) ON DELETE CASCADE,
        status varchar(10) NOT NULL DEFAULT 'expected',
        scanned_at timestamptz NULL,
        scanned_by uuid NULL,
        PRIMARY KEY (shipment_id, copy_id)
      );
      CREATE INDEX shipment_item_copy ON shipment_item (copy_id);
      CREATE TABLE shipment_event (
        id bigserial PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES shipment(id) ON DELETE CASCADE,
        from_state varchar(20) NOT NULL,
        to_state varchar(20) NOT NULL,
        actor_id uuid NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX shipment_event_shipment ON shipment_event (shipment_id, id);
      CREATE TABLE reading_list (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES school(id) ON DELETE CASCADE,
        owner_id uuid NOT NULL,
        name varchar(100) NOT NULL,
        grade_band varchar(20) NOT NULL DEFAULT '',
        visibility varchar(10) NOT NULL,
        copied_from uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE reading_list_entry (
        list_id uuid NOT NULL REFERENCES reading_list(id) ON DELETE CASCADE,
        position smallint NOT NULL,
        isbn char(13) NOT NULL,
        title varchar(300) NOT NULL,
        author varchar(200) NOT NULL DEFAULT '',
        note varchar(500) NOT NULL DEFAULT '',
        PRIMARY KEY (list_id, position)
      );
      CREATE TABLE reading_list_follow (
        list_id uuid NOT NULL REFERENCES reading_list(id) ON DELETE CASCADE,
        school_id uuid NOT NULL REFERENCES school(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (list_id, school_id)
      );
      CREATE TABLE reading_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        copy_id uuid NOT NULL REFERENCES book_copy(id) ON DELETE CASCADE,
        student_id uuid NOT NULL,
        school_id uuid NOT NULL,
        body varchar(500) NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        status varchar(10) NOT NULL DEFAULT 'pending',
        reviewed_by uuid NULL,
        reviewed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX reading_note_copy ON reading_note (copy_id, status);
      CREATE INDEX reading_note_school ON reading_note (school_id, status);
    `);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reading_note, reading_list_follow, reading_list_entry, reading_list, shipment_event,
      shipment_item, copy_event, book_copy, shipment, campaign_leg, campaign_batch, campaign_school, drift_campaign, book_title`);
  }
}

/** Entities and migrations this module owns; collected by database/registry.ts. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const bookdriftEntities: Function[] = [
  BookTitle,
  BookCopy,
  CopyEvent,
  ReadingList,
  ReadingListEntry,
  ReadingListFollow,
  DriftCampaign,
  CampaignSchool,
  CampaignBatch,
  CampaignLeg,
  Shipment,
  ShipmentItem,
  ShipmentEvent,
  ReadingNote,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const bookdriftMigrations: MixedList<Function> = [Bookdrift1764000000000];
