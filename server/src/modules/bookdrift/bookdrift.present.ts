import { isMessageKey, t, type Lang } from '../../common/i18n.js';
import './bookdrift.messages.js';
import type { DashboardRowView, DashboardView } from './campaigns.dto.js';
import type { DriftCopyView } from './copy-pages.dto.js';
import type { WhereView } from './shipments.dto.js';

/**
 * The HTTP edge's renderers: services return codes and data, these turn them into the
 * texts of a view in the caller's language.
 */

/** Where a scanned copy belongs, as the service finds it. */
export interface CopyWhereabouts {
  driftCode: string;
  title: string;
  /** it belongs at the caller's own school */
  here: boolean;
  shouldGoToSchoolId: string | null;
  shouldGoToSchoolName: string | null;
}

export function presentWhere({ here, ...w }: CopyWhereabouts, lang: Lang): WhereView {
  const message = here
    ? t('bookdrift.where.here', lang, { title: w.title })
    : t('bookdrift.where.elsewhere', lang, { title: w.title, school: w.shouldGoToSchoolName ?? '—' });
  return { ...w, message };
}

/** A copy event's note: what staff typed, or the key of a note the system wrote. */
export function eventNote(note: string, lang: Lang): string {
  return note.startsWith('bookdrift.event.') && isMessageKey(note) ? t(note, lang) : note;
}

export function presentCopyPage(view: DriftCopyView, lang: Lang): DriftCopyView {
  return { ...view, events: view.events.map((e) => ({ ...e, note: eventNote(e.note, lang) })) };
}

export type DashboardRow = Omit<DashboardRowView, 'label'>;

/** A campaign's figures: per school rows carry the school's name, the others get their label here. */
export interface DashboardFigures extends Omit<DashboardView, 'perRound' | 'perLocality'> {
  perRound: DashboardRow[];
  perLocality: (DashboardRow & { key: 'urban' | 'rural' })[];
}

export function presentDashboard(d: DashboardFigures, lang: Lang): DashboardView {
  return {
    ...d,
    perRound: d.perRound.map((r) => ({ ...r, label: t('bookdrift.dashboard.round', lang, { round: r.key }) })),
    perLocality: d.perLocality.map((r) => ({ ...r, label: t(`bookdrift.dashboard.${r.key}`, lang) })),
  };
}
