import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Term } from '../resources/vocabulary.js';
import { TermCalendar } from './lectures.entities.js';

/** The term calendars of groups (lecture_term_calendar). */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Creates or replaces a group's calendar of one term and reads it back. */
  async upsert(c: Omit<TermCalendar, 'id'>): Promise<TermCalendar> {
    await this.db.query(
      `INSERT INTO lecture_term_calendar (group_id, school_year, term, week1_monday, weeks) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (group_id, school_year, term) DO UPDATE SET week1_monday = EXCLUDED.week1_monday, weeks = EXCLUDED.weeks`,
      [c.groupId, c.schoolYear, c.term, c.week1Monday, c.weeks],
    );
    return this.find(c.groupId, c.schoolYear, c.term);
  }

  find(groupId: string, schoolYear: number, term: Term): Promise<TermCalendar> {
    return this.db.getRepository(TermCalendar).findOneByOrFail({ groupId, schoolYear, term });
  }

  ofGroup(groupId: string): Promise<TermCalendar[]> {
    return this.db.getRepository(TermCalendar).findBy({ groupId });
  }

  /** Newest school year first, second term before first. */
  ofGroups(groupIds: string[]): Promise<TermCalendar[]> {
    return this.db.getRepository(TermCalendar).find({
      where: { groupId: In(groupIds) },
      order: { schoolYear: 'DESC', term: 'DESC' },
    });
  }

  /** Demo data: a calendar as given. */
  save(c: Omit<TermCalendar, 'id'>): Promise<TermCalendar> {
    return this.db.getRepository(TermCalendar).save(c);
  }
}
