import { defineConfig } from "drizzle-kit";

// Migrations are generated (`npm run db:generate`) from lib/db/schema.ts and applied at start-up.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./drizzle",
});
