import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { BookdriftAccess } from './bookdrift.access.js';
import type { BookCopy, BookTitle, ReadingNote } from './bookdrift.entities.js';
import type { DriftCopyView, NoteView, PublicDriftCopyView } from './copy-pages.dto.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { driftCodeOf, formatDriftCode } from './drift-code.js';
import { givenName } from './given-name.js';
import { JourneysRepository } from './journeys.repository.js';
import { NotesRepository } from './notes.repository.js';
import { UsersService } from '../identity/users.service.js';

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

/** A copy's pages (signed-in and public) and the reading notes pupils write on it, with their review. */
@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notes: NotesRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly journeys: JourneysRepository,
    private readonly users: UsersService,
    private readonly orgs: OrganizationsService,
    private readonly access: BookdriftAccess,
  ) {}

  private async schoolNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    return new Map((await this.orgs.schoolsByIds(wanted)).map((s) => [s.id, s.name]));
  }

  private async copyByCode(p: Principal, raw: string): Promise<{ copy: BookCopy; title: BookTitle }> {
    const code = driftCodeOf(raw);
    const copy = await this.catalogue.byDriftCode(code);
    if (!copy || !this.access.canSeeCopy(p, copy))
      throw AppError.notFound('bookdrift.codeUnknown', { code: formatDriftCode(code) });
    return { copy, title: await this.catalogue.title(copy.titleId) };
  }

  /** The copy's page: where it has been, in order, and its approved reading notes (event notes as stored: keys or staff text). */
  async copyPage(p: Principal, code: string): Promise<DriftCopyView> {
    const { copy, title } = await this.copyByCode(p, code);
    const events = await this.journeys.events(copy.id);
    const schools = await this.schoolNames([copy.schoolId, copy.locationSchoolId, ...events.map((e) => e.school_id)]);
    const notes = await this.notes.onCopy(copy.id);
    const views = await this.noteViews(notes);
    const staff = this.access.seesCopyHistory(p);
    const names = staff ? await this.users.displayNames(events.map((e) => e.actor_id)) : new Map<string, string>();
    return {
      driftCode: copy.driftCode!,
      title: title.title,
      author: title.author,
      isbn: title.isbn,
      homeSchoolName: schools.get(copy.schoolId) ?? '',
      hereSchoolName: copy.locationSchoolId ? (schools.get(copy.locationSchoolId) ?? null) : null,
      state: copy.state,
      journey: journeyOf(copy, events, schools),
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
      canWriteNote: this.access.canWriteNote(p),
    };
  }

  /**
   * The copy's public page, for anyone who scans its label: title, author, owning school, the
   * schools it has been at with dates, and how many approved notes it has. No person's name or
   * id and no note text (notes are minors' writing and stay behind sign-in).
   */
  async publicCopyPage(raw: string): Promise<PublicDriftCopyView> {
    const code = driftCodeOf(raw);
    const copy = await this.catalogue.byDriftCode(code);
    if (!copy) throw AppError.notFound('bookdrift.codeUnknown', { code: formatDriftCode(code) });
    const title = await this.catalogue.title(copy.titleId);
    const events = await this.journeys.events(copy.id);
    const schools = await this.schoolNames([copy.schoolId, ...events.map((e) => e.school_id)]);
    return {
      driftCode: code,
      title: title.title,
      author: title.author,
      homeSchoolName: schools.get(copy.schoolId) ?? '',
      journey: journeyOf(copy, events, schools).map((j) => ({ schoolName: j.schoolName, arrivedAt: j.arrivedAt })),
      approvedNotes: await this.notes.countApproved(copy.id),
    };
  }

  private async noteViews(notes: ReadingNote[], withBook = false): Promise<NoteView[]> {
    if (!notes.length) return [];
    const authors = await this.users.displayNames(notes.map((n) => n.studentId));
    const schools = await this.schoolNames(notes.map((n) => n.schoolId));
    const books = withBook ? await this.catalogue.titlesAndCodes(notes.map((n) => n.copyId)) : new Map();
    return notes.map((n) => ({
      id: n.id,
      author: givenName(authors.get(n.studentId) ?? ''),
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
    if ((await this.notes.countByStudent(copy.id, p.userId)) >= 3) throw AppError.conflict('bookdrift.noteTooMany');
    const note = await this.notes.create({
      copyId: copy.id,
      studentId: p.userId,
      schoolId: p.schoolId,
      body: body.trim(),
      rating,
    });
    return (await this.noteViews([note]))[0];
  }

  /** Notes of the reviewer's school's students waiting for approval. */
  async pending(p: Principal): Promise<NoteView[]> {
    const scope = this.access.noteReviewScope(p);
    if (!scope) return [];
    const notes = await this.notes.pending(scope === 'all' ? null : scope.schoolId, 200);
    return this.noteViews(notes, true);
  }

  async review(p: Principal, id: string, approve: boolean): Promise<NoteView> {
    return this.db.transaction(async (m) => {
      const note = await this.notes.lock(m, id);
      if (!note) throw AppError.notFound('bookdrift.noteNotFound');
      this.access.assertReviewsNote(p, note);
      if (note.status !== 'pending') throw AppError.conflict('bookdrift.noteAlreadyReviewed');
      note.status = approve ? 'approved' : 'rejected';
      note.reviewedBy = p.userId;
      note.reviewedAt = new Date();
      await this.notes.save(m, note);
      return (await this.noteViews([note], true))[0];
    });
  }
}
