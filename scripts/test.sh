#!/usr/bin/env bash
# `npm test`: installs what the suite needs (Chromium from Debian, the local Dovecot and Postfix),
# then runs all of it: type check, unit and integration tests (vitest), a production build, and
# the browser tests (Playwright driving Debian's Chromium). Any failure stops the run, non-zero.
#
# The database is the embedded PGlite unless DATABASE_URL points at PostgreSQL; multi-instance
# tests always use the PostgreSQL server on 127.0.0.1:5432 (MAILROOM_TEST_POSTGRES_URL).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n== %s\n' "$*"; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

step "system packages"
if ! command -v chromium >/dev/null 2>&1 || ! command -v dnsmasq >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium dnsmasq-base >/dev/null
fi
chromium --version

step "node modules"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi

step "mail servers (Dovecot + Postfix on 127.0.0.1)"
as_root bash scripts/mail-server.sh up

step "database: ${DATABASE_URL:+PostgreSQL}${DATABASE_URL:-embedded PGlite}"

step "type check, lint, formatting"
npx tsc --noEmit
npx eslint . --max-warnings 0
npx prettier --check . --log-level warn

step "unit and integration tests"
npx vitest run

if [[ "${MAILROOM_TEST_REUSE_BUILD:-}" == "1" && -f "${NEXT_DIST_DIR:-.next}/BUILD_ID" ]]; then
  step "production build (reused)"
else
  step "production build"
  npx next build
fi

step "browser tests (Chromium)"
npx playwright test
