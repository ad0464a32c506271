import { requireSession } from "@/lib/auth/current-session";
import { readOutgoingSettings } from "@/lib/reads/outgoing-settings";
import { OutgoingSettingsForm } from "./outgoing-settings-form";

/** Settings → Outgoing mail: the form with the saved relay (never its password). */
export async function OutgoingSettingsSection() {
  return <OutgoingSettingsForm {...await readOutgoingSettings(await requireSession())} />;
}
