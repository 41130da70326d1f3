import { isMessageKey, t, type Lang } from '../../common/i18n.js';
import { needsGuardian } from './identity.access.js';
import type { ImportView, UserView } from './identity.dto.js';
import type { User, UserImport } from './identity.entities.js';

export function maskPhone(phone: string | null): string | null {
  return phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null;
}

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    schoolId: u.schoolId,
    groupId: u.groupId,
    phone: maskPhone(u.phone),
    titles: u.titles,
    grade: u.grade,
    status: u.status,
    needsGuardian: needsGuardian(u),
    createdAt: u.createdAt.toISOString(),
  };
}

/** An import as the service reports it: row errors as message keys. */
export interface ImportReport extends Omit<ImportView, 'errors' | 'failureReason'> {
  errors: UserImport['errors'];
  failureKey: string | null;
}

/** The import in the caller's language (rows stored before keys were kept carry their rendered text). */
export function toImportView({ failureKey, ...report }: ImportReport, lang: Lang): ImportView {
  return {
    ...report,
    failureReason: failureKey && isMessageKey(failureKey) ? t(failureKey, lang) : null,
    errors: report.errors.map((e) => ({
      row: e.row,
      field: e.field,
      message: e.key && isMessageKey(e.key) ? t(e.key, lang) : (e.message ?? e.key ?? ''),
    })),
  };
}
