#!/usr/bin/env bash
# `npm test`: installs what the suite needs (Chromium from Debian, the local Dovecot and Postfix),
# then runs all of it: type check, unit and integration tests (vitest), a production build, and
# the browser tests (Playwright driving Debian's Chromium). Any failure stops the run, non-zero.
#
# The database is the embedded PGlite unless DATABASE_URL points at PostgreSQL; multi-instance
# tests always use the PostgreSQL server on 127.0.0.1:5432 (MAILROOM_TEST_POSTGRES_URL).
#
# MAILROOM_TEST_SCOPE=database runs only what depends on which database is behind Mailroom: the
# vitest files that open the database (found by their imports, so a new one is included by itself)
# and the browser specs about stored state (DATABASE_SPECS). CI runs the whole suite on the
# embedded database, then this scope on PostgreSQL: the rest (type check, lint, the other browser
# specs, which see the database only through those same queries) would only repeat itself.
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

# The URL itself is not printed: it may hold a password.
if [[ -n "${DATABASE_URL:-}" ]]; then step "database: PostgreSQL (DATABASE_URL)"; else step "database: embedded PGlite"; fi

# Browser specs whose subject is what the database keeps: sessions, settings, identities, relay
# passwords, queued sends, quotas, folder choices, the language.
DATABASE_SPECS=(
  tests/e2e/sign-in.spec.ts
  tests/e2e/sign-out.spec.ts
  tests/e2e/session-limits.spec.ts
  tests/e2e/settings-outgoing.spec.ts
  tests/e2e/identities.spec.ts
  tests/e2e/undo-send-server.spec.ts
  tests/e2e/upload-quota.spec.ts
  tests/e2e/organise-choices.spec.ts
  tests/e2e/language.spec.ts
  tests/e2e/dark-mode.spec.ts
)

scope="${MAILROOM_TEST_SCOPE:-all}"
case "$scope" in
  all)
    step "type check, lint, formatting"
    npx tsc --noEmit
    npx eslint . --max-warnings 0
    npx prettier --check . --log-level warn

    step "unit and integration tests"
    npx vitest run
    ;;
  database)
    mapfile -t database_tests < <(grep -rlE "@/lib/db/|support/(test-database|shared-postgres|private-postgres)" --include='*.test.ts' lib components app scripts tests | sort)
    step "unit and integration tests that open the database (${#database_tests[@]} files)"
    if [[ ${#database_tests[@]} -eq 0 ]]; then
      echo "no test file opens the database: the selection is broken" >&2
      exit 1
    fi
    npx vitest run "${database_tests[@]}"
    ;;
  *)
    echo "MAILROOM_TEST_SCOPE must be 'all' or 'database', not '$scope'" >&2
    exit 2
    ;;
esac

if [[ "${MAILROOM_TEST_REUSE_BUILD:-}" == "1" && -f "${NEXT_DIST_DIR:-.next}/BUILD_ID" ]]; then
  step "production build (reused)"
else
  step "production build"
  npx next build
fi

if [[ "$scope" == "database" ]]; then
  step "browser tests about stored state (Chromium, ${#DATABASE_SPECS[@]} specs)"
  npx playwright test "${DATABASE_SPECS[@]}"
else
  step "browser tests (Chromium)"
  npx playwright test
fi
