import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors.js';
import { ROLES, type Principal, type Role } from '../../common/roles.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { Filter } from '../search/search.engine.js';
import type { Resource } from './resources.entities.js';
import { ResourceRepository } from './resources.repository.js';

/**
 * Who may do what to which resource: the one place the module decides it. Every query (lists,
 * counts, detail, download, the catalogue's per-chapter counts, the search filter) and every
 * write goes through these rules; services never look at `p.role` themselves.
 */

const among = (...roles: Role[]): Role[] => ROLES.filter((r) => roles.includes(r));

/** Admins who review shared resources of the schools they administer. */
export const REVIEWER_ROLES = among('platform_admin', 'group_admin', 'school_admin');
/** Who may import into the textbook catalogue: it is platform-wide, so only the platform admin (not a group's admin). */
export const CATALOGUE_EDITOR_ROLES = among('platform_admin');
/** Learners and their families: never shown `teachers_only` material. */
const LEARNER_ROLES = among('student', 'parent');

const isLearner = (p: Principal) => LEARNER_ROLES.includes(p.role);

/**
 * Who sees a resource. One rule, used by every query (lists, counts, detail, download):
 * - the author always;
 * - students and parents never see `teachers_only` material;
 * - school (and any shared level, even while in review): members of the author's school;
 * - group, once approved: members of any school of a group the author's school belongs to;
 * - public, once approved: every signed-in user;
 * - admins: every non-private resource of the schools they administer (platform admin: all).
 *
 * As SQL: a condition on the resource alias `r`, its values pushed onto `params`.
 */
export function visibleTo(p: Principal, r: string, params: unknown[]): string {
  const arg = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const me = arg(p.userId);
  const shared: string[] = [`(${r}.visibility = 'public' AND ${r}.review_state = 'approved')`];
  if (p.schoolId) shared.push(`(${r}.visibility <> 'private' AND ${r}.school_id = ${arg(p.schoolId)}::uuid)`);
  if (p.groupSchoolIds.length)
    shared.push(
      `(${r}.visibility = 'group' AND ${r}.review_state = 'approved' AND ${r}.school_id = ANY(${arg(p.groupSchoolIds)}::uuid[]))`,
    );
  if (p.role === 'platform_admin') shared.push(`${r}.visibility <> 'private'`);
  else if (p.role === 'group_admin' && p.groupSchoolIds.length)
    shared.push(`(${r}.visibility <> 'private' AND ${r}.school_id = ANY(${arg(p.groupSchoolIds)}::uuid[]))`);
  const audience = isLearner(p) ? `${r}.audience = 'everyone' AND ` : '';
  return `${r}.deleted_at IS NULL AND (${r}.author_id = ${me}::uuid OR (${audience}(${shared.join(' OR ')})))`;
}

export interface VisibilityFacts {
  authorId: string;
  schoolId: string | null;
  visibility: string;
  audience: string;
  reviewState: string;
  deletedAt: Date | null;
}

/** The same rule for one loaded row (kept in step with visibleTo; the tests exercise both). */
export function canSee(p: Principal, r: VisibilityFacts): boolean {
  if (r.deletedAt) return false;
  if (r.authorId === p.userId) return true;
  if (isLearner(p) && r.audience !== 'everyone') return false;
  if (r.visibility === 'private') return false;
  if (r.visibility === 'public' && r.reviewState === 'approved') return true;
  if (p.schoolId && r.schoolId === p.schoolId) return true;
  if (r.visibility === 'group' && r.reviewState === 'approved' && r.schoolId && p.groupSchoolIds.includes(r.schoolId))
    return true;
  if (p.role === 'platform_admin') return true;
  if (p.role === 'group_admin' && r.schoolId && p.groupSchoolIds.includes(r.schoolId)) return true;
  return false;
}

/** The same rule as a search-engine filter (the SQL rule re-checks every hit). */
export function searchFilterFor(p: Principal): Filter {
  const shared: Filter[] = [
    {
      and: [
        { field: 'visibility', eq: 'public' },
        { field: 'reviewState', eq: 'approved' },
      ],
    },
  ];
  const sharedLevels = { field: 'visibility', in: ['school', 'group', 'public'] };
  if (p.schoolId) shared.push({ and: [sharedLevels, { field: 'schoolId', eq: p.schoolId }] });
  if (p.groupSchoolIds.length)
    shared.push({
      and: [
        { field: 'visibility', eq: 'group' },
        { field: 'reviewState', eq: 'approved' },
        { field: 'schoolId', in: p.groupSchoolIds },
      ],
    });
  if (p.role === 'platform_admin') shared.push(sharedLevels);
  else if (p.role === 'group_admin' && p.groupSchoolIds.length)
    shared.push({ and: [sharedLevels, { field: 'schoolId', in: p.groupSchoolIds }] });
  const others: Filter = isLearner(p) ? { and: [{ field: 'audience', eq: 'everyone' }, { or: shared }] } : { or: shared };
  return { or: [{ field: 'authorId', eq: p.userId }, others] };
}

/** Whose resources a reviewer's queue holds: every school (`all`) or these schools. */
export type ReviewScope = { all: true } | { all: false; schoolIds: string[] };

export interface ResourceFacts {
  authorId: string;
  schoolId: string | null;
  reviewState: string;
}

/** The record-level rules that need to know which schools the caller administers. */
@Injectable()
export class ResourceAccess {
  constructor(
    private readonly orgs: OrganizationsService,
    private readonly resources: ResourceRepository,
  ) {}

  /** Loads a resource the caller may see, else 404 (not 403: its existence is not disclosed). */
  async requireVisible(p: Principal, id: string): Promise<Resource> {
    const r = await this.resources.findById(id);
    if (!r || !canSee(p, r)) throw AppError.notFound('resources.notFound');
    return r;
  }

  /** Whoever may see a resource may preview and download its files (every download is recorded). */
  requireDownloadable(p: Principal, id: string): Promise<Resource> {
    return this.requireVisible(p, id);
  }

  /** Loads a resource the caller may see and edit: 404 when hidden, 403 when only seen. */
  async requireEditable(p: Principal, id: string): Promise<Resource> {
    const r = await this.requireVisible(p, id);
    if (!this.canEdit(p, r)) throw AppError.forbidden();
    return r;
  }

  private administers(p: Principal, schoolId: string | null): boolean {
    return schoolId !== null && this.orgs.canAdministerSchool(p, schoolId);
  }

  /** The author, or an admin of the resource's school. */
  canEdit(p: Principal, r: ResourceFacts): boolean {
    return r.authorId === p.userId || this.administers(p, r.schoolId);
  }

  /** The author and the school's admins read why a review rejected it; others do not. */
  seesReviewReason(p: Principal, r: ResourceFacts): boolean {
    return this.canEdit(p, r);
  }

  /** An admin of the resource's school, not its author, on a resource that is in review. */
  canReview(p: Principal, r: ResourceFacts): boolean {
    return (
      r.reviewState !== 'none' && r.authorId !== p.userId && REVIEWER_ROLES.includes(p.role) && this.administers(p, r.schoolId)
    );
  }

  /** Throws the reason a caller (who may see the resource) may not review it. */
  assertCanReview(p: Principal, r: ResourceFacts): void {
    if (!this.administers(p, r.schoolId)) throw AppError.forbidden();
    if (r.authorId === p.userId) throw AppError.forbidden('resources.ownReview');
    if (r.reviewState === 'none') throw AppError.badRequest('resources.notReviewable');
  }

  /** A platform admin's review queue holds every school; a group admin's, the group's; a school admin's, the school. */
  reviewScope(p: Principal): ReviewScope {
    if (p.role === 'platform_admin') return { all: true };
    if (p.role === 'group_admin') return { all: false, schoolIds: p.groupSchoolIds };
    if (p.role === 'school_admin' && p.schoolId) return { all: false, schoolIds: [p.schoolId] };
    return { all: false, schoolIds: [] };
  }
}
