import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // Server code translates through next-intl/server, which needs a Next.js request; tests get English.
      "next-intl/server": `${import.meta.dirname}/tests/support/next-intl-server.ts`,
    },
  },
  test: {
    // The app formats catalogue messages compiled ahead (lib/i18n/messages.ts, next.config.ts): use-intl
    // is run through Vite here so that its formatter is the same format-only one.
    alias: [{ find: /^use-intl\/format-message$/, replacement: "use-intl/format-message/format-only" }],
    server: { deps: { inline: ["use-intl", "next-intl"] } },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The files share one Dovecot and one database; running them one at a time keeps failures readable.
          fileParallelism: false,
        },
      },
    ],
  },
});
