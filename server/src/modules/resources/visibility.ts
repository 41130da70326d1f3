import type { Principal } from '../../common/roles.js';
import type { Filter } from '../search/search.engine.js';

/**
 * Who sees a resource. One rule, used by every query (lists, counts, detail, download):
 * - the author always;
 * - students and parents never see `teachers_only` material;
 * - school (and any shared level, even while in review): members of the author's school;
 * - group, once approved: members of any school of a group the author's school belongs to;
 * - public, once approved: every signed-in user;
 * - admins: every non-private resource of the schools they administer (platform admin: all).
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
  const audience = p.role === 'student' || p.role === 'parent' ? `${r}.audience = 'everyone' AND ` : '';
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
  if ((p.role === 'student' || p.role === 'parent') && r.audience !== 'everyone') return false;
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
  const others: Filter =
    p.role === 'student' || p.role === 'parent'
      ? { and: [{ field: 'audience', eq: 'everyone' }, { or: shared }] }
      : { or: shared };
  return { or: [{ field: 'authorId', eq: p.userId }, others] };
}
