import { and, eq } from "drizzle-orm";
import type { Database } from "./client";
import { folderRoleChoices, type FolderRoleName } from "./schema";

/** The folders a user chose by hand for special roles (Archive, Trash, Junk, Sent, Drafts). */
export async function getFolderRoleChoices(db: Database, userId: string): Promise<Partial<Record<FolderRoleName, string>>> {
  const rows = await db.select({ role: folderRoleChoices.role, path: folderRoleChoices.path }).from(folderRoleChoices).where(eq(folderRoleChoices.userId, userId));
  return Object.fromEntries(rows.map((row) => [row.role, row.path]));
}

/** Chooses the folder for a role, or (null) goes back to the one the server marks or names. */
export async function setFolderRoleChoice(db: Database, userId: string, role: FolderRoleName, path: string | null): Promise<void> {
  if (path === null) {
    await db.delete(folderRoleChoices).where(and(eq(folderRoleChoices.userId, userId), eq(folderRoleChoices.role, role)));
    return;
  }
  await db
    .insert(folderRoleChoices)
    .values({ userId, role, path })
    .onConflictDoUpdate({ target: [folderRoleChoices.userId, folderRoleChoices.role], set: { path, updatedAt: new Date() } });
}
