// Distribution mode's installations: one encrypted row per workspace (or enterprise) that installed Liaison.
import { count, eq } from 'drizzle-orm';
import type { Tx } from '../database.js';

export async function findSealedInstallation(tx: Tx, installKey: string): Promise<string | undefined> {
  const { installations } = tx.tables;
  const [row] = await tx.orm
    .select({ sealed: installations.installationEncrypted })
    .from(installations)
    .where(eq(installations.installKey, installKey))
    .limit(1);
  return row?.sealed;
}

export async function upsertInstallation(
  tx: Tx,
  row: { installKey: string; teamId: string | null; enterpriseId: string | null; isEnterpriseInstall: boolean; sealed: string; at: number },
): Promise<void> {
  const { installations } = tx.tables;
  await tx.orm
    .insert(installations)
    .values({
      installKey: row.installKey,
      teamId: row.teamId,
      enterpriseId: row.enterpriseId,
      isEnterpriseInstall: row.isEnterpriseInstall,
      installationEncrypted: row.sealed,
      installedAt: row.at,
      updatedAt: row.at,
    })
    .onConflictDoUpdate({ target: installations.installKey, set: { installationEncrypted: row.sealed, updatedAt: row.at } });
}

export async function deleteInstallation(tx: Tx, installKey: string): Promise<void> {
  const { installations } = tx.tables;
  await tx.orm.delete(installations).where(eq(installations.installKey, installKey));
}

export async function countInstallations(tx: Tx): Promise<number> {
  const [row] = await tx.orm.select({ n: count() }).from(tx.tables.installations);
  return row!.n;
}
