import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import path from "node:path";

// use-intl formats ICU messages with intl-messageformat and its parser (~9 KB gzip in every page's
// JavaScript) unless it is given messages compiled ahead: lib/i18n/messages.ts compiles the
// catalogue once, and every layer formats with the small format-only formatter. A relative path,
// as next-intl's own `precompile` option sets it: Turbopack ignores an alias to a package subpath.
const formatOnly = `./${path.relative(process.cwd(), require.resolve("use-intl/format-message/format-only"))}`;

// Packages that must run as plain Node modules rather than be bundled: they load
// WebAssembly (PGlite), native sockets (imapflow, nodemailer, pg) or jsdom's files.
const nextConfig: NextConfig = {
  // Lets several builds live side by side (e.g. parallel work trees); `.next` by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite", "imapflow", "nodemailer", "mailparser", "pg", "jsdom", "dompurify"],
  poweredByHeader: false,
  turbopack: { resolveAlias: { "use-intl/format-message": formatOnly } },
  // Drafts travel to server actions whole (long quoted threads); attachments go through /api/uploads.
  experimental: { serverActions: { bodySizeLimit: "12mb" } },
  // `npm test` runs `tsc --noEmit` over the whole project (app, tests, scripts) as its own step.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
        ],
      },
    ];
  },
};

// next-intl without i18n routing: the locale comes from the user's setting or Accept-Language.
export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
