import { requireSession } from "@/lib/auth/current-session";
import { readManagedFolders } from "@/lib/reads/folder-manager";
import { Alert } from "@/components/ui/alert";
import { FolderManager } from "./folder-manager";

/** Settings → Folders: every folder with its counts, and the changes that can be made to each. */
export async function FolderManagerSection() {
  const result = await readManagedFolders(await requireSession());
  if (!result.ok) return <Alert tone="error">{result.error}</Alert>;
  return <FolderManager folders={result.data} />;
}
