// Looking people up by their role in an agency.
import type { Tx } from '../../db/database.js';
import { listMembersWithRoles } from '../../db/queries/members.js';
import type { Actor } from './actor.js';

/** Coordinators (and admins) of an agency: who hears about the lead agency's operations. */
export function leadCoordinators(tx: Tx, agencyId: number): Promise<Actor[]> {
  return listMembersWithRoles(tx, agencyId, ['coordinator', 'admin']);
}

/** The agency's intake workers and coordinators: who should see a referral addressed to it change. */
export function intakeAndCoordinators(tx: Tx, agencyId: number): Promise<Actor[]> {
  return listMembersWithRoles(tx, agencyId, ['intake', 'coordinator']);
}
