import { getCurrentSession } from "@/lib/auth/current-session";
import { MAX_COUNTED_FOLDERS } from "@/lib/mail/imap/folder-status";
import { readFolderCounts } from "@/lib/reads/folder-counts";

const MAX_PATH = 1000;

/**
 * Unread and total counts of the folders named by ?path= (repeated): the folder navigation asks
 * every half minute while its tab is visible, so counts of folders other than the open one stay
 * current. Answers { counts: { [path]: { unread, total } } }; a folder that is gone is left out.
 */
export async function GET(request: Request) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const paths = new URL(request.url).searchParams.getAll("path");
  if (paths.length > MAX_COUNTED_FOLDERS || paths.some((path) => path.length === 0 || path.length > MAX_PATH || /[\u0000-\u001f\u007f]/.test(path))) {
    return Response.json({ error: "Name at most 500 folders, each by its path." }, { status: 400 });
  }
  const result = await readFolderCounts(session, paths);
  if (!result.ok) return Response.json({ error: result.error }, { status: 503, headers: { "Cache-Control": "private, no-store" } });
  return Response.json({ counts: result.data }, { headers: { "Cache-Control": "private, no-store" } });
}
