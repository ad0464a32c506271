import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// ESLint with the Next.js rules (React, hooks, accessibility basics, TypeScript); formatting is Prettier's.
const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      ".mail-server/**",
      "data/**",
      "drizzle/**",
      "test-results/**",
      "playwright-report/**",
      "tests/.artifacts/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Client-only values (dates in the reader's locale and zone, Notification permission) are set
      // after hydration on purpose, so the server's HTML and the first client render agree.
      "react-hooks/set-state-in-effect": "off",
    },
  },
];

export default config;
