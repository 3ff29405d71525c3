// Looking people up by their role in an agency.
import type { Db } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import type { Actor } from './actor.js';

/** Coordinators (and admins) of an agency: who hears about the lead agency's operations. */
export function leadCoordinators(db: Db, agencyId: number): Actor[] {
  return prepared<[number], Actor>(
    db,
    "SELECT team_id AS teamId, user_id AS userId FROM members WHERE agency_id = ? AND role IN ('coordinator', 'admin') ORDER BY id",
  ).all(agencyId);
}
