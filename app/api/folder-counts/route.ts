import { getCurrentSession } from "@/lib/auth/current-session";
import { readFolderCounts, validFolderCountPaths } from "@/lib/reads/folder-counts";

/**
 * Unread and total counts of the folders named by ?path= (repeated): the folder navigation asks
 * every half minute while its tab is visible, so counts of folders other than the open one stay
 * current. Answers { counts: { [path]: { unread, total } } }; a folder that is gone is left out.
 */
export async function GET(request: Request) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const paths = new URL(request.url).searchParams.getAll("path");
  if (!validFolderCountPaths(paths)) {
    return Response.json({ error: "Name at most 500 folders, each by its path." }, { status: 400 });
  }
  const result = await readFolderCounts(session, paths);
  if (!result.ok) return Response.json({ error: result.error }, { status: 503, headers: { "Cache-Control": "private, no-store" } });
  return Response.json({ counts: result.data }, { headers: { "Cache-Control": "private, no-store" } });
}
