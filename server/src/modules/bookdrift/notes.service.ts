import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { registerMessages } from '../../common/i18n.js';
import { STAFF_ROLES, type Principal } from '../../common/roles.js';
import { User } from '../identity/identity.entities.js';
import { School } from '../organizations/organization.entities.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { BookCopy, BookTitle, DriftCampaign, ReadingNote } from './bookdrift.entities.js';
import type { DashboardRowView, DashboardView, DriftCopyView, NoteView, PublicDriftCopyView } from './bookdrift.dto.js';
import { CampaignsService } from './campaigns.service.js';
import { formatDriftCode, normaliseDriftCode } from './drift-code.js';
import { givenName } from './given-name.js';

registerMessages({
  'bookdrift.noteNotFound': { zh: '漂流日记不存在', en: 'Reading note not found' },
  'bookdrift.noteAlreadyReviewed': { zh: '这篇漂流日记已经审核过了', en: 'This note has already been reviewed' },
  'bookdrift.noteNotYourSchool': {
    zh: '只能为本校学生的漂流日记审核',
    en: 'You can only review notes of your own school’s students',
  },
  'bookdrift.noteTooMany': { zh: '你已经为这本书写过 3 篇日记了', en: 'You have already written 3 notes on this copy' },
  'bookdrift.noteOutsideGroup': {
    zh: '这本书不在你所在的教育集团内漂流',
    en: 'This copy does not drift within your education group',
  },
});

/** The schools a copy has been at, in order: its home when shared, then every receipt. */
function journeyOf(
  copy: BookCopy,
  events: { kind: string; school_id: string | null; at: Date }[],
  schools: Map<string, string>,
): DriftCopyView['journey'] {
  const journey: DriftCopyView['journey'] = [];
  for (const e of events) {
    const arrived =
      e.kind === 'shared' ? copy.schoolId : ['received', 'found', 'returned_to_sender'].includes(e.kind) ? e.school_id : null;
    if (!arrived) continue;
    if (journey.length && journey[journey.length - 1].schoolId === arrived) continue;
    journey.push({ schoolId: arrived, schoolName: schools.get(arrived) ?? '', arrivedAt: new Date(e.at).toISOString() });
  }
  return journey;
}

@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly orgs: OrganizationsService,
    private readonly campaigns: CampaignsService,
  ) {}

  private async copyByCode(p: Principal, raw: string): Promise<{ copy: BookCopy; title: BookTitle }> {
    const code = normaliseDriftCode(raw);
    if (!code) throw AppError.field('code', 'bookdrift.codeInvalid', { code: raw.slice(0, 40) });
    const copy = await this.db.getRepository(BookCopy).findOneBy({ driftCode: code });
    if (!copy || !(p.role === 'platform_admin' || p.groupSchoolIds.includes(copy.schoolId)))
      throw AppError.notFound('bookdrift.codeUnknown', { code: formatDriftCode(code) });
    const title = (await this.db.getRepository(BookTitle).findOneBy({ id: copy.titleId }))!;
    return { copy, title };
  }

  /** The copy's page: where it has been, in order, and its approved reading notes. */
  async copyPage(p: Principal, code: string): Promise<DriftCopyView> {
    const { copy, title } = await this.copyByCode(p, code);
    const events: { kind: string; school_id: string | null; actor_id: string | null; note: string; at: Date }[] =
      await this.db.query(`SELECT kind, school_id, actor_id, note, at FROM copy_event WHERE copy_id = $1 ORDER BY id`, [copy.id]);
    const schoolIds = [
      ...new Set([copy.schoolId, copy.locationSchoolId, ...events.map((e) => e.school_id)].filter(Boolean)),
    ] as string[];
    const schools = new Map((await this.orgs.schoolsByIds(schoolIds)).map((s) => [s.id, s.name]));
    const journey = journeyOf(copy, events, schools);
    const notes = await this.db.getRepository(ReadingNote).find({ where: { copyId: copy.id }, order: { createdAt: 'ASC' } });
    const views = await this.noteViews(notes);
    const staff = STAFF_ROLES.includes(p.role);
    const names = staff
      ? await this.campaigns.userNames([...new Set(events.map((e) => e.actor_id).filter(Boolean))] as string[])
      : new Map();
    return {
      driftCode: copy.driftCode!,
      title: title.title,
      author: title.author,
      isbn: title.isbn,
      homeSchoolName: schools.get(copy.schoolId) ?? '',
      hereSchoolName: copy.locationSchoolId ? (schools.get(copy.locationSchoolId) ?? null) : null,
      state: copy.state,
      journey,
      notes: views.filter((n) => n.status === 'approved'),
      myPendingNotes: views.filter((n, i) => n.status !== 'approved' && notes[i].studentId === p.userId),
      events: staff
        ? events.map((e) => ({
            kind: e.kind,
            schoolName: e.school_id ? (schools.get(e.school_id) ?? null) : null,
            actor: e.actor_id ? (names.get(e.actor_id) ?? '') : '',
            note: e.note,
            at: new Date(e.at).toISOString(),
          }))
        : [],
      canWriteNote: p.role === 'student' && !!p.schoolId,
    };
  }

  /**
   * The copy's public page, for anyone who scans its label: title, author, owning school, the
   * schools it has been at with dates, and how many approved notes it has. No person's name or
   * id and no note text (notes are minors' writing and stay behind sign-in).
   */
  async publicCopyPage(raw: string): Promise<PublicDriftCopyView> {
    const code = normaliseDriftCode(raw);
    if (!code) throw AppError.field('code', 'bookdrift.codeInvalid', { code: raw.slice(0, 40) });
    const copy = await this.db.getRepository(BookCopy).findOneBy({ driftCode: code });
    if (!copy) throw AppError.notFound('bookdrift.codeUnknown', { code: formatDriftCode(code) });
    const title = (await this.db.getRepository(BookTitle).findOneBy({ id: copy.titleId }))!;
    const events: { kind: string; school_id: string | null; at: Date }[] = await this.db.query(
      `SELECT kind, school_id, at FROM copy_event WHERE copy_id = $1 ORDER BY id`,
      [copy.id],
    );
    const schoolIds = [...new Set([copy.schoolId, ...events.map((e) => e.school_id)].filter(Boolean))] as string[];
    const schools = new Map((await this.orgs.schoolsByIds(schoolIds)).map((s) => [s.id, s.name]));
    const approvedNotes = await this.db.getRepository(ReadingNote).countBy({ copyId: copy.id, status: 'approved' });
    return {
      driftCode: code,
      title: title.title,
      author: title.author,
      homeSchoolName: schools.get(copy.schoolId) ?? '',
      journey: journeyOf(copy, events, schools).map((j) => ({ schoolName: j.schoolName, arrivedAt: j.arrivedAt })),
      approvedNotes,
    };
  }

  private async noteViews(notes: ReadingNote[], withBook = false): Promise<NoteView[]> {
    if (!notes.length) return [];
    const users = new Map(
      (await this.db.getRepository(User).findBy({ id: In([...new Set(notes.map((n) => n.studentId))]) })).map((u) => [u.id, u]),
    );
    const schools = new Map(
      (await this.orgs.schoolsByIds([...new Set(notes.map((n) => n.schoolId))])).map((s) => [s.id, s.name]),
    );
    const books = new Map<string, { title: string; code: string }>();
    if (withBook) {
      const rows: { id: string; title: string; drift_code: string }[] = await this.db.query(
        `SELECT c.id, t.title, c.drift_code FROM book_copy c JOIN book_title t ON t.id = c.title_id WHERE c.id = ANY($1::uuid[])`,
        [[...new Set(notes.map((n) => n.copyId))]],
      );
      for (const r of rows) books.set(r.id, { title: r.title, code: r.drift_code });
    }
    return notes.map((n) => ({
      id: n.id,
      author: givenName(users.get(n.studentId)?.displayName ?? ''),
      schoolName: schools.get(n.schoolId) ?? '',
      body: n.body,
      rating: n.rating,
      status: n.status,
      createdAt: n.createdAt.toISOString(),
      ...(withBook ? { bookTitle: books.get(n.copyId)?.title ?? '', driftCode: books.get(n.copyId)?.code ?? '' } : {}),
    }));
  }

  async writeNote(p: Principal, code: string, body: string, rating: number): Promise<NoteView> {
    const { copy } = await this.copyByCode(p, code);
    if (!p.schoolId) throw AppError.badRequest('bookdrift.noteOutsideGroup');
    const count = await this.db.getRepository(ReadingNote).countBy({ copyId: copy.id, studentId: p.userId });
    if (count >= 3) throw AppError.conflict('bookdrift.noteTooMany');
    const note = await this.db
      .getRepository(ReadingNote)
      .save(
        this.db
          .getRepository(ReadingNote)
          .create({ copyId: copy.id, studentId: p.userId, schoolId: p.schoolId, body: body.trim(), rating }),
      );
    return (await this.noteViews([note]))[0];
  }

  /** Notes of the reviewer's school's students waiting for approval. */
  async pending(p: Principal): Promise<NoteView[]> {
    const where =
      p.role === 'platform_admin' ? { status: 'pending' as const } : { status: 'pending' as const, schoolId: p.schoolId ?? '' };
    if (p.role !== 'platform_admin' && !p.schoolId) return [];
    const notes = await this.db.getRepository(ReadingNote).find({ where, order: { createdAt: 'ASC' }, take: 200 });
    return this.noteViews(notes, true);
  }

  async review(p: Principal, id: string, approve: boolean): Promise<NoteView> {
    return this.db.transaction(async (m) => {
      const note = await m.getRepository(ReadingNote).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!note) throw AppError.notFound('bookdrift.noteNotFound');
      if (p.role !== 'platform_admin' && p.schoolId !== note.schoolId) throw AppError.forbidden('bookdrift.noteNotYourSchool');
      if (note.status !== 'pending') throw AppError.conflict('bookdrift.noteAlreadyReviewed');
      note.status = approve ? 'approved' : 'rejected';
      note.reviewedBy = p.userId;
      note.reviewedAt = new Date();
      await m.getRepository(ReadingNote).save(note);
      return (await this.noteViews([note], true))[0];
    });
  }

  /** Campaign figures: totals, per school, per round, urban vs township/rural. */
  async dashboard(p: Principal, campaignId: string): Promise<DashboardView> {
    const view = await this.campaigns.get(p, campaignId);
    const c = (await this.db.getRepository(DriftCampaign).findOneBy({ id: campaignId }))!;
    const schools = new Map(
      (await this.db.getRepository(School).findBy({ id: In(view.schools.map((s) => s.schoolId)) })).map((s) => [s.id, s]),
    );
    // copies of this campaign: in its batches now, or shipped in it
    const copies: { id: string; state: string; school_id: string }[] = await this.db.query(
      `SELECT DISTINCT c.id, c.state, c.school_id FROM book_copy c
       WHERE c.batch_id IN (SELECT id FROM campaign_batch WHERE campaign_id = $1)
          OR c.id IN (SELECT i.copy_id FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id WHERE s.campaign_id = $1)`,
      [campaignId],
    );
    const copyIds = copies.map((x) => x.id);
    const receipts: { copy_id: string; to_school_id: string; round: number; is_return: boolean }[] = await this.db.query(
      `SELECT i.copy_id, s.to_school_id, s.round, s.is_return FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id
       WHERE s.campaign_id = $1 AND i.status = 'received'`,
      [campaignId],
    );
    const notes: { copy_id: string; school_id: string; status: string; created_at: Date }[] = copyIds.length
      ? await this.db.query(`SELECT copy_id, school_id, status, created_at FROM reading_note WHERE copy_id = ANY($1::uuid[])`, [
          copyIds,
        ])
      : [];
    const start = new Date(c.startDate + 'T00:00:00Z').getTime();
    const roundOf = (d: Date) =>
      Math.min(c.rounds, Math.max(1, Math.floor((new Date(d).getTime() - start) / (c.roundWeeks * 7 * 86400000)) + 1));
    const row = (key: string, label: string, f: { school?: (id: string) => boolean; round?: number }): DashboardRowView => {
      const inSchool = (id: string) => (f.school ? f.school(id) : true);
      const rec = receipts.filter(
        (r) => !r.is_return && inSchool(r.to_school_id) && (f.round === undefined || r.round === f.round),
      );
      const ns = notes.filter((n) => inSchool(n.school_id) && (f.round === undefined || roundOf(n.created_at) === f.round));
      const own = copies.filter((x) => inSchool(x.school_id));
      return {
        key,
        label,
        booksDrifting:
          f.round === undefined ? own.filter((x) => x.state === 'drifting').length : new Set(rec.map((r) => r.copy_id)).size,
        copiesReceived: rec.length,
        copiesRead: new Set(ns.filter((n) => n.status === 'approved').map((n) => n.copy_id)).size,
        notesWritten: ns.length,
        lost: f.round === undefined ? own.filter((x) => x.state === 'lost').length : 0,
        damaged: f.round === undefined ? own.filter((x) => x.state === 'damaged').length : 0,
      };
    };
    const total = row('all', '', {});
    const isUrban = (id: string) => schools.get(id)?.locality === 'urban';
    return {
      booksDrifting: total.booksDrifting,
      schoolsReached: new Set(receipts.filter((r) => !r.is_return).map((r) => r.to_school_id)).size,
      copiesRead: total.copiesRead,
      notesWritten: total.notesWritten,
      lost: total.lost,
      damaged: total.damaged,
      perSchool: view.schools.map((s) => row(s.schoolId, s.name, { school: (id) => id === s.schoolId })),
      perRound: Array.from({ length: c.rounds }, (_, i) => row(String(i + 1), `第 ${i + 1} 轮`, { round: i + 1 })),
      perLocality: [
        row('urban', '城区学校', { school: (id) => isUrban(id) }),
        row('rural', '乡镇/农村学校', { school: (id) => !isUrban(id) }),
      ],
    };
  }
}
