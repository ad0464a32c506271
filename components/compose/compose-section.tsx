import { requireSession } from "@/lib/auth/current-session";
import { readComposeStart, type ComposeParams } from "@/lib/reads/compose-start";
import { Composer } from "./composer";

/** The composer with what it starts with (a draft, a reply, a forward or nothing). */
export async function ComposeSection({ params }: { params: ComposeParams }) {
  const result = await readComposeStart(await requireSession(), params);
  if (!result.ok) {
    return (
      <p role="alert" className="m-6 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        {result.error}
      </p>
    );
  }
  return <Composer {...result.data} />;
}
