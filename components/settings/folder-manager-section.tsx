import { requireSession } from "@/lib/auth/current-session";
import { readChosenSpecialFolders, readManagedFolders } from "@/lib/reads/folder-manager";
import { Alert } from "@/components/ui/alert";
import { FolderManager } from "./folder-manager";
import { SpecialFolderChoices } from "./special-folder-choices";

/** Settings → Folders: every folder with its counts, and the changes that can be made to each. */
export async function FolderManagerSection() {
  const session = await requireSession();
  const [result, chosen] = await Promise.all([readManagedFolders(session), readChosenSpecialFolders(session)]);
  if (!result.ok) return <Alert tone="error">{result.error}</Alert>;
  return (
    <>
      <FolderManager folders={result.data} />
      <SpecialFolderChoices folders={result.data} chosen={chosen} />
    </>
  );
}
