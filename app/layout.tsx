import type { Metadata, Viewport } from "next";
import { getLocale, getMessages, getTimeZone, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { clientMessages } from "@/lib/i18n/client-messages";
import { readAppearance } from "@/lib/reads/appearance";
import { ThemePreference } from "@/components/app-shell/theme-preference";
import { IntlProvider } from "@/components/i18n/intl-provider";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: { default: t("name"), template: t("titleTemplate") },
    description: t("description"),
    // same-origin, not no-referrer: browsers send "Origin: null" on form posts under no-referrer,
    // and Next.js rightly refuses such server-action posts (sign-in before hydration, no-JS use).
    referrer: "same-origin",
    manifest: "/manifest.webmanifest",
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "32x32" },
        { url: "/icons/icon.svg", type: "image/svg+xml" },
      ],
      apple: "/icons/apple-touch-icon.png",
    },
  };
}

export const viewport: Viewport = {
  // The browser's own bar on phones: the brand colour in light, the page's dark slate in dark.
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#0369a1" },
    { media: "(prefers-color-scheme: dark)", color: "#0f172a" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so each carries the nonce of its Content-Security-Policy (proxy.ts).
  await connection();
  // The user's colour scheme is on <html> in the first byte, so no page flashes light before dark.
  const theme = await readAppearance();
  // The language: the user's setting, else the browser's Accept-Language (lib/i18n/request.ts).
  const locale = await getLocale();
  return (
    <html lang={locale} data-theme={theme}>
      <body className="min-h-screen">
        <IntlProvider locale={locale} messages={clientMessages(await getMessages())} serverTimeZone={await getTimeZone()}>
          <ThemePreference theme={theme}>{children}</ThemePreference>
        </IntlProvider>
      </body>
    </html>
  );
}
