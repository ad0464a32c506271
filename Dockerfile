# syntax=docker/dockerfile:1
#
# Mailroom's container image: `docker build -t mailroom .`, then run it with the environment of
# .env.example (see docs/deploy.md; compose.yaml runs two instances, PostgreSQL and Caddy).
# The image runs `next start` on the production build, as the unprivileged `node` user, and
# reports its health (database and IMAP reachability) on /api/health.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- 1. Build: every dependency, then the production build.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build && rm -rf .next/cache

# --- 2. Runtime dependencies only (no compilers, test tools or linters in the final image).
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- 3. The image that runs.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    MAILROOM_DATA_DIR=/var/lib/mailroom
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
# next.config.ts is read by `next start`; drizzle/ holds the migrations applied at start-up.
COPY --from=build /app/package.json /app/next.config.ts /app/tsconfig.json ./
COPY --from=build /app/public ./public
COPY --from=build /app/drizzle ./drizzle
# The translations (messages/<locale>/<namespace>.json), read at start-up by lib/i18n/messages.ts.
COPY --from=build /app/messages ./messages
# The embedded database (when DATABASE_URL is unset) and attachments being uploaded live here.
# Several instances must share it (uploads), or the load balancer must keep a user on one instance.
RUN mkdir -p /var/lib/mailroom && chown node:node /var/lib/mailroom
VOLUME ["/var/lib/mailroom"]
USER node
EXPOSE 3000
# 200 when the database and the IMAP server answer, 503 otherwise (no curl in the slim image).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "node_modules/next/dist/bin/next", "start", "-H", "0.0.0.0"]
