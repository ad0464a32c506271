import { recordSocketAddresses } from "@/lib/auth/socket-address";
import { database } from "@/lib/db/database";
import { env, EnvError } from "@/lib/env";
import { startInstanceNotifications } from "@/lib/live/instance-notifications";
import { warmRenderWorkers } from "@/lib/mail/message/render-jobs";
import { checkRelayAllowlist } from "@/lib/outgoing/relay-policy";
import { startSendScheduler } from "@/lib/outgoing/send-scheduler";
import { startUploadSweeper } from "@/lib/uploads/upload-sweeper";

export async function startServer(): Promise<void> {
  recordSocketAddresses();
  try {
    env();
    checkRelayAllowlist();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  try {
    await database();
  } catch (error) {
    console.error(`Mailroom cannot start: the database is not usable (${(error as Error).message})`);
    process.exit(1);
  }
  // Loading a render worker (jsdom, the sanitiser's window) is not left to the first message opened.
  warmRenderWorkers();
  // Not awaited: the listening connection retries by itself, and requests need not wait for it.
  startInstanceNotifications().catch((error: Error) => console.warn(`notifications: not listening (${error.message})`));
  // Messages whose undo delay ended are sent by whichever instance gets to them first.
  startSendScheduler();
  // Uploads of compositions abandoned a day ago are removed, whoever they belong to.
  startUploadSweeper(env().dataDir);
}
