import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { readAppearance } from "@/lib/reads/appearance";
import { ThemePreference } from "@/components/app-shell/theme-preference";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Mailroom", template: "%s · Mailroom" },
  description: "Your company's webmail",
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
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen">
        <ThemePreference theme={theme}>{children}</ThemePreference>
      </body>
    </html>
  );
}
