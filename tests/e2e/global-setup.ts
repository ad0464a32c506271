import { startApp, testAppEnv } from "../support/app-server";

/** Starts the app instance most browser tests share; tests that need other settings start their own. */
export default async function globalSetup() {
  const app = await startApp(testAppEnv());
  process.env.MAILROOM_E2E_URL = app.url;
  return async () => {
    await app.stop();
  };
}
