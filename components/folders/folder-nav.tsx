import { getTranslations } from "next-intl/server";
import { getCurrentSession } from "@/lib/auth/current-session";
import { readFolderTree } from "@/lib/reads/folder-tree";
import { FolderList } from "./folder-list";

export async function FolderNav() {
  const session = await getCurrentSession();
  if (!session) return null;
  const result = await readFolderTree(session);
  if (!result.ok) {
    const t = await getTranslations("folders");
    return (
      <nav aria-label={t("nav")} className="p-2">
        <p role="alert" className="text-sm text-red-700">
          {result.error}
        </p>
      </nav>
    );
  }
  return <FolderList folders={result.data} />;
}
