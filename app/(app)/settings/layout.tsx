import { getLocale, getMessages, getTimeZone } from "next-intl/server";
import type { ReactNode } from "react";
import { settingsClientMessages } from "@/lib/i18n/client-messages";
import { IntlProvider } from "@/components/i18n/intl-provider";
import { SettingsNav } from "@/components/settings/settings-nav";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  // The root layout's catalogue leaves out what only the settings pages' forms translate.
  return (
    <IntlProvider locale={await getLocale()} messages={settingsClientMessages(await getMessages())} serverTimeZone={await getTimeZone()}>
      <SettingsNav />
      {children}
    </IntlProvider>
  );
}
