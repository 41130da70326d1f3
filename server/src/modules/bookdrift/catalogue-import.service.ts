import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { BookdriftAccess } from './bookdrift.access.js';
import type { ImportReportView, ImportRowView } from './catalogue.dto.js';
import { MAX_CATALOGUE_BYTES, parseCatalogue, readTable, type CatalogueRow } from './catalogue-import.js';
import { CatalogueRepository } from './catalogue.repository.js';

/** Copies inserted per statement while importing. */
const COPY_CHUNK = 20000;
/** Rows reported back one by one (the counts cover them all). */
const REPORTED_ROWS = 2000;

/** A school library's catalogue import: all rows or none, in one transaction with set-based inserts. */
@Injectable()
export class CatalogueImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueRepository,
    private readonly orgs: OrganizationsService,
    private readonly access: BookdriftAccess,
  ) {}

  async importCatalogue(p: Principal, schoolId: string, file: Buffer | undefined): Promise<ImportReportView> {
    this.access.assertAdministers(p, schoolId);
    await this.orgs.getSchool(schoolId);
    if (!file?.length) throw AppError.field('file', 'bookdrift.import.notTable');
    if (file.length > MAX_CATALOGUE_BYTES)
      throw AppError.badRequest('bookdrift.import.tooLarge', { mb: MAX_CATALOGUE_BYTES / 1024 / 1024 });
    const started = Date.now();
    const rows = parseCatalogue(await readTable(file));

    // merge duplicate ISBNs within the file: the first row names the title, copies add up
    const byIsbn = new Map<string, CatalogueRow>();
    for (const r of rows) if (!byIsbn.has(r.isbn)) byIsbn.set(r.isbn, r);
    const isbns = [...byIsbn.keys()];

    return this.db.transaction(async (m) => {
      const existing = await this.catalogue.titleIdsByIsbn(m, schoolId, isbns);
      const fresh = isbns.filter((i) => !existing.has(i)).map((i) => byIsbn.get(i)!);
      const ids = new Map([...existing, ...(await this.catalogue.insertTitles(m, schoolId, fresh))]);
      let copiesCreated = 0;
      const titleIds: string[] = [];
      const shelves: string[] = [];
      const flush = async () => {
        if (!titleIds.length) return;
        await this.catalogue.insertCopies(m, schoolId, titleIds, shelves);
        copiesCreated += titleIds.length;
        titleIds.length = 0;
        shelves.length = 0;
      };
      const seen = new Set<string>();
      const report: ImportRowView[] = [];
      let merged = 0;
      for (const r of rows) {
        const id = ids.get(r.isbn)!;
        const isNew = !existing.has(r.isbn) && !seen.has(r.isbn);
        if (!isNew) merged++;
        seen.add(r.isbn);
        if (report.length < REPORTED_ROWS)
          report.push({ row: r.row, isbn: r.isbn, title: r.title, outcome: isNew ? 'new_title' : 'merged', copies: r.copies });
        for (let k = 0; k < r.copies; k++) {
          titleIds.push(id);
          shelves.push(r.shelf);
        }
        if (titleIds.length >= COPY_CHUNK) await flush();
      }
      await flush();
      return {
        rows: rows.length,
        titlesCreated: fresh.length,
        titlesMerged: merged,
        copiesCreated,
        millis: Date.now() - started,
        report,
      };
    });
  }
}
