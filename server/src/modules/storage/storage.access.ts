import type { Principal } from '../../common/roles.js';

/**
 * Who may do what with an upload. One rule: an upload is its owner's alone. Only the person who
 * started it sees it, asks for part URLs, records parts, completes, cancels or claims it — not
 * their school's admins, not a platform admin (an upload is a private draft until a resource or a
 * lecture claims it; from then on that module's own policy decides who sees the bytes).
 * Which roles may start an upload at all is the route's rule (`STAFF_ROLES`).
 */
export function ownsUpload(p: Principal, upload: { ownerId: string }): boolean {
  return upload.ownerId === p.userId;
}
