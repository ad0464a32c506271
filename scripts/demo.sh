#!/usr/bin/env bash
# `npm run demo`: one command from a fresh Debian/Ubuntu machine with Node 20 to a running Mailroom.
# - installs the npm dependencies;
# - without MAILROOM_IMAP_HOST: installs and starts a local Dovecot + Postfix on 127.0.0.1 with
#   demo users and seeded mail (scripts/mail-server.sh; needs root or sudo);
# - with MAILROOM_IMAP_HOST (and MAILROOM_SMTP_HOST) set: serves that server's users instead;
# - keeps an AUTH_SECRET in the data folder if none is given; builds; starts on http://127.0.0.1:$PORT.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NEXT_TELEMETRY_DISABLED=1

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

node -e 'const [major, minor] = process.versions.node.split(".").map(Number); if (major < 20 || (major === 20 && minor < 9)) { console.error(`Mailroom needs Node.js 20.9 or newer; this is ${process.version}.`); process.exit(1); }'

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi

demo_servers=""
if [[ -z "${MAILROOM_IMAP_HOST:-}" ]]; then
  as_root bash scripts/mail-server.sh up
  as_root bash scripts/mail-server.sh seed
  set -a
  # shellcheck disable=SC1090
  source <(bash scripts/mail-server.sh env)
  set +a
  demo_servers=1
fi

export MAILROOM_DATA_DIR="${MAILROOM_DATA_DIR:-./data}"
mkdir -p "$MAILROOM_DATA_DIR"
if [[ -z "${AUTH_SECRET:-}" ]]; then
  secret_file="$MAILROOM_DATA_DIR/auth-secret"
  [[ -s "$secret_file" ]] || (umask 077 && openssl rand -base64 32 > "$secret_file")
  AUTH_SECRET="$(cat "$secret_file")"
  export AUTH_SECRET
fi

export PORT="${PORT:-3000}"
# A Mailroom already serving from this folder would break if its build were replaced under it.
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "Something is already listening on 127.0.0.1:$PORT (a running demo?). Stop it first, or choose another port: PORT=3001 npm run demo" >&2
  exit 1
fi
npx next build
echo
echo "  Mailroom is starting on http://127.0.0.1:$PORT"
if [[ -n "$demo_servers" ]]; then
  echo "  Demo mailboxes:  alice@mailroom.test / alice-demo-password"
  echo "                   bob@mailroom.test   / bob-demo-password"
fi
echo
exec npx next start -H "${HOST:-127.0.0.1}" -p "$PORT"
