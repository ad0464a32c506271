#!/usr/bin/env bash
# Mailroom development mail servers: our OWN Dovecot (IMAP + LMTP) and Postfix
# (authenticated submission relay) instances, with config, TLS, users, mail and
# queue all inside one state directory. Never edits /etc/dovecot or /etc/postfix,
# binds only 127.0.0.1 on non-standard ports, so it cannot collide with a system
# Dovecot/Postfix.
#
#   scripts/mail-server.sh up | down | status | env | add-user EMAIL PASSWORD | seed [--force]
#
# State: ${MAILROOM_MAIL_STATE:-<project root>/.mail-server}
#   env                      variables for the app/tests (`scripts/mail-server.sh env`)
#   tls/ca.pem               CA that signed tls/server.pem (SAN localhost, 127.0.0.1)
#   users                    Dovecot passwd-file: "email:{SCHEME}hash" per line
#   dovecot/dovecot.conf     our Dovecot config;  run/ = its base_dir
#   postfix/main.cf,master.cf our Postfix config; postfix-queue/, postfix-data/
#   mail/<domain>/<user>/Maildir   mailboxes (owned by the vmail system user)
#   dovecot.log, postfix.log logs
#   mail/<domain>/<user>/Maildir/xapian-indexes   full-text index (with MAILROOM_FTS=xapian)
#
# MAILROOM_FTS=xapian (default off) gives Dovecot full-text search: Debian's dovecot-fts-xapian,
# new mail indexed on delivery/APPEND, SEARCH=FUZZY advertised. Off by default because fts-xapian
# 1.5 answers every header search from its index too, and it indexes only From/To/Cc/Bcc/Subject/
# Message-ID/List-ID: a search of References, In-Reply-To or Content-Type then finds nothing (the
# conversation view and the attachment filter need them), and no term shorter than 3 characters
# or made of punctuation is found. `up` with a different setting rewrites the config and reloads.
set -euo pipefail

# ----- constants -------------------------------------------------------------
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${MAILROOM_MAIL_STATE:-$ROOT_DIR/.mail-server}"
DOMAIN="mailroom.test"
LISTEN_ADDR="127.0.0.1"
IMAP_STARTTLS_PORT=10143
IMAPS_PORT=10993
# A second IMAPS listener that behaves like an older server: no MOVE, UIDPLUS or SPECIAL-USE
# (Dovecot's imap_capability for connections to this address), for the fallback tests.
LEGACY_IMAP_ADDR="127.0.0.2"
LEGACY_IMAPS_PORT=10994
LEGACY_IMAP_CAPABILITY="IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND UNSELECT CHILDREN NAMESPACE ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY"
LMTP_PORT=10024
SUBMISSION_PORT=10587
SMTPS_PORT=10465
VMAIL_USER="vmail"
DEMO_USERS=("alice@$DOMAIN:alice-demo-password" "bob@$DOMAIN:bob-demo-password")
REQUIRED_PACKAGES=(dovecot-imapd dovecot-lmtpd dovecot-fts-xapian postfix openssl)
FTS_BACKEND="${MAILROOM_FTS:-off}"
PORT_TIMEOUT_SECONDS=20

die() { echo "mail-server: ERROR: $*" >&2; exit 1; }
info() { echo "mail-server: $*"; }

# Unix socket paths are short (107 bytes). When the project lives at a long path, the state lives
# under /var/tmp instead, and <root>/.mail-server is a link to it, so tools find it the same way.
if [[ -z "${MAILROOM_MAIL_STATE:-}" ]] && (( ${#STATE_DIR} > 40 )); then
  short_state="/var/tmp/mailroom-mail-$(printf '%s' "$ROOT_DIR" | sha1sum | cut -c1-10)"
  mkdir -p "$short_state" || die "cannot create state dir $short_state"
  if [[ ! -L "$STATE_DIR" ]]; then
    [[ -e "$STATE_DIR" ]] && die "$STATE_DIR exists but the path is too long for sockets; remove it or set MAILROOM_MAIL_STATE"
    ln -s "$short_state" "$STATE_DIR"
  fi
  STATE_DIR="$short_state"
fi

# Absolute paths are baked into the configs, so make STATE_DIR absolute.
mkdir -p "$STATE_DIR" 2>/dev/null || die "cannot create state dir $STATE_DIR"
STATE_DIR="$(cd "$STATE_DIR" && pwd -P)"

TLS_DIR="$STATE_DIR/tls"
USERS_FILE="$STATE_DIR/users"
MAIL_DIR="$STATE_DIR/mail"
DOVECOT_DIR="$STATE_DIR/dovecot"
DOVECOT_CONF="$DOVECOT_DIR/dovecot.conf"
DOVECOT_BASE="$STATE_DIR/run"
DOVECOT_LOG="$STATE_DIR/dovecot.log"
POSTFIX_DIR="$STATE_DIR/postfix"
POSTFIX_QUEUE="$STATE_DIR/postfix-queue"
POSTFIX_DATA="$STATE_DIR/postfix-data"
POSTFIX_LOG="$STATE_DIR/postfix.log"
ENV_FILE="$STATE_DIR/env"
SEED_MARKER="$STATE_DIR/seeded"
AUTH_SOCKET="$DOVECOT_BASE/auth-postfix"

# Unix socket paths are limited to 107 bytes; Dovecot/Postfix put sockets here.
if (( ${#DOVECOT_BASE} > 60 )); then
  die "state dir path too long for unix sockets ($STATE_DIR); set MAILROOM_MAIL_STATE to a shorter path"
fi

[[ "$FTS_BACKEND" == off || "$FTS_BACKEND" == xapian ]] || die "MAILROOM_FTS must be xapian or off, not $FTS_BACKEND"

require_root() { [[ $(id -u) -eq 0 ]] || die "must run as root (starts Dovecot/Postfix, creates the vmail user)"; }

# ----- installation ----------------------------------------------------------
install_packages() {
  local missing=() pkg installed
  installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${REQUIRED_PACKAGES[@]}" 2>/dev/null || true)"
  for pkg in "${REQUIRED_PACKAGES[@]}"; do
    grep -qx "$pkg install ok installed" <<<"$installed" || missing+=("$pkg")
  done
  (( ${#missing[@]} == 0 )) && return 0
  info "installing ${missing[*]}"
  # Keep Debian's system instances from starting during the install: a temporary
  # policy-rc.d that denies everything (only if none exists; removed afterwards).
  local created_policy=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    created_policy=1
  fi
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  } || rc=$?
  [[ -n "$created_policy" ]] && rm -f /usr/sbin/policy-rc.d
  (( rc == 0 )) || die "apt-get install ${missing[*]} failed (exit $rc)"
}

ensure_vmail_user() {
  getent group "$VMAIL_USER" >/dev/null || groupadd --system "$VMAIL_USER"
  getent passwd "$VMAIL_USER" >/dev/null ||
    useradd --system --gid "$VMAIL_USER" --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin "$VMAIL_USER"
}

# ----- TLS -------------------------------------------------------------------
ensure_tls() {
  mkdir -p "$TLS_DIR"
  if [[ -s "$TLS_DIR/ca.pem" && -s "$TLS_DIR/server.pem" && -s "$TLS_DIR/server.key" ]]; then
    return 0
  fi
  info "generating CA and server certificate in $TLS_DIR"
  local tmp; tmp="$(mktemp -d)"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
    -keyout "$tmp/ca.key" -out "$tmp/ca.pem" -subj "/CN=Mailroom Development CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    2>"$tmp/log" || { cat "$tmp/log" >&2; die "openssl CA generation failed"; }
  openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$tmp/server.key" -out "$tmp/server.csr" \
    -subj "/CN=localhost" 2>"$tmp/log" || { cat "$tmp/log" >&2; die "openssl CSR failed"; }
  cat > "$tmp/ext.cnf" <<'EOF'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
EOF
  openssl x509 -req -in "$tmp/server.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$tmp/ext.cnf" -out "$tmp/server.pem" 2>"$tmp/log" ||
    { cat "$tmp/log" >&2; die "openssl server certificate signing failed"; }
  install -m 600 "$tmp/ca.key" "$TLS_DIR/ca.key"
  install -m 644 "$tmp/ca.pem" "$TLS_DIR/ca.pem"
  install -m 600 "$tmp/server.key" "$TLS_DIR/server.key"
  install -m 644 "$tmp/server.pem" "$TLS_DIR/server.pem"
  rm -rf "$tmp"
}

# ----- users -----------------------------------------------------------------
hash_password() {
  local password="$1" hash
  if hash="$(doveadm -c "$DOVECOT_CONF" pw -s SHA512-CRYPT -p "$password" 2>/dev/null)"; then
    echo "$hash"
  else
    echo "{SHA512-CRYPT}$(openssl passwd -6 -stdin <<<"$password")"
  fi
}

# Appends or replaces "email:{SHA512-CRYPT}hash" atomically; Dovecot re-reads the
# passwd-file on change, so this works while the servers run.
add_user() {
  local email="${1:-}" password="${2:-}"
  [[ -n "$email" && -n "$password" ]] || die "usage: add-user EMAIL PASSWORD"
  [[ "$email" =~ ^[^[:space:]:@]+@[^[:space:]:@]+$ ]] || die "invalid email address: $email"
  local line tmp
  line="$email:$(hash_password "$password")"
  touch "$USERS_FILE"
  local replacing=no
  awk -F: -v u="$email" '$1 == u { found = 1 } END { exit !found }' "$USERS_FILE" && replacing=yes
  # Tests add users from parallel workers: serialise the read-modify-write, or lines get lost.
  (
    flock -w 30 9 || die "could not lock $USERS_FILE"
    tmp="$(mktemp "$USERS_FILE.XXXXXX")"
    awk -F: -v u="$email" '$1 != u' "$USERS_FILE" > "$tmp"
    echo "$line" >> "$tmp"
    chmod 640 "$tmp"
    chgrp dovecot "$tmp" 2>/dev/null || true
    # Dovecot reloads the passwd-file when its mtime (seconds) or size changes:
    # make sure a same-length replacement within one second still changes mtime.
    local old_mtime new_mtime
    old_mtime="$(stat -c %Y "$USERS_FILE")"
    mv -f "$tmp" "$USERS_FILE"
    new_mtime="$(stat -c %Y "$USERS_FILE")"
    (( new_mtime > old_mtime )) || touch -d "@$((old_mtime + 1))" "$USERS_FILE"
  ) 9>"$USERS_FILE.lock"
  wait_until_user_visible "$email" "$replacing"
}

# Dovecot stats the passwd-file at most once per second, so a login right after
# add-user could still miss the change: return only once Dovecot sees it.
wait_until_user_visible() {
  local email="$1" replacing="$2" start deadline
  dovecot_pid >/dev/null || return 0
  if [[ "$replacing" == yes ]]; then
    start="$(date +%s)"
    while [[ "$(date +%s)" -le "$start" ]]; do sleep 0.1; done
    return 0
  fi
  deadline=$((SECONDS + 5))
  until doveadm -c "$DOVECOT_CONF" auth lookup "$email" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || die "dovecot does not see the new user $email"
    sleep 0.1
  done
}

ensure_demo_users() {
  local entry email
  touch "$USERS_FILE"
  for entry in "${DEMO_USERS[@]}"; do
    email="${entry%%:*}"
    if ! awk -F: -v u="$email" '$1 == u { found = 1 } END { exit !found }' "$USERS_FILE"; then
      add_user "$email" "${entry#*:}"
      info "created demo user $email"
    fi
  done
}

# ----- Dovecot ---------------------------------------------------------------
# Full-text search with fts-xapian 1.5 (Dovecot 2.3 syntax), printed after a newline, or nothing.
# N-grams of 3 to 20 characters; new mail is indexed by the indexer service as it arrives, except
# in Trash and Junk; mail not indexed yet (written straight into the Maildir, as the seeder does)
# is indexed when a body search needs it, or by `doveadm index`. fts_enforced = body: a header
# search never waits for indexing, and a failed index lookup fails the search instead of silently
# reading every message. Dovecot 2.3 advertises SEARCH=FUZZY only for a backend that declares fuzzy
# lookups, which fts-xapian 1.5 does not, though its matching is exactly that (n-grams; short and
# punctuation-only terms are not indexed): say so, so clients ask for it (the legacy listener's
# own capability list still leaves it out).
fts_conf() {
  [[ "$FTS_BACKEND" == xapian ]] || return 0
  printf '\n%s' 'imap_capability = +SEARCH=FUZZY
mail_plugins = $mail_plugins fts fts_xapian
plugin {
  fts = xapian
  fts_xapian = partial=3 full=20
  fts_autoindex = yes
  fts_autoindex_exclude = \Trash
  fts_autoindex_exclude2 = \Junk
  fts_enforced = body
}
service indexer-worker {
  vsz_limit = 1G
}'
}

write_dovecot_conf() {
  local vmail_uid dh_line=""
  vmail_uid="$(id -u "$VMAIL_USER")"
  [[ -f /usr/share/dovecot/dh.pem ]] && dh_line="ssl_dh = </usr/share/dovecot/dh.pem"
  mkdir -p "$DOVECOT_DIR"
  cat > "$DOVECOT_CONF.new" <<EOF
# Generated by scripts/mail-server.sh; edits are overwritten. Dovecot 2.3 syntax.
instance_name = mailroom
base_dir = $DOVECOT_BASE
state_dir = $DOVECOT_DIR/state
protocols = imap lmtp
listen = $LISTEN_ADDR
log_path = $DOVECOT_LOG
auth_verbose = yes

ssl = yes
ssl_cert = <$TLS_DIR/server.pem
ssl_key = <$TLS_DIR/server.key
ssl_min_protocol = TLSv1.2
$dh_line
# LOGIN/AUTHENTICATE only over TLS (after STARTTLS on $IMAP_STARTTLS_PORT, or on $IMAPS_PORT).
disable_plaintext_auth = yes
auth_mechanisms = plain login
auth_cache_size = 0
# Mailroom connects from 127.0.0.1 and forwards each user's real address in IMAP ID
# (x-originating-ip), so Dovecot's failed-login penalty applies per user, not to the
# app. Only 127.0.0.1 is trusted: a client from e.g. 127.0.0.2 is not, so tests can
# still check that LOGIN needs STARTTLS (LOGINDISABLED).
login_trusted_networks = 127.0.0.1/32

# Virtual users from a passwd-file: one "email:{SCHEME}hash" line per user.
passdb {
  driver = passwd-file
  args = scheme=SHA512-CRYPT username_format=%u $USERS_FILE
}
# Static userdb: one uid for everyone. Without allow_all_users, LMTP still checks
# via the passdb that the recipient exists.
userdb {
  driver = static
  args = uid=$VMAIL_USER gid=$VMAIL_USER home=$MAIL_DIR/%d/%n
}
first_valid_uid = $vmail_uid
last_valid_uid = $vmail_uid
mail_uid = $VMAIL_USER
mail_gid = $VMAIL_USER
mail_location = maildir:~/Maildir
mailbox_list_index = yes
mail_plugins = \$mail_plugins notify$(fts_conf)

namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
}

protocol imap {
  mail_max_userip_connections = 200
  imap_idle_notify_interval = 2 mins
}
protocol lmtp {
  postmaster_address = postmaster@$DOMAIN
}

default_process_limit = 500
default_client_limit = 2000

service imap-login {
  inet_listener imap {
    address = $LISTEN_ADDR
    port = $IMAP_STARTTLS_PORT
  }
  inet_listener imaps {
    address = $LISTEN_ADDR
    port = $IMAPS_PORT
    ssl = yes
  }
  inet_listener imaps_legacy {
    address = $LEGACY_IMAP_ADDR
    port = $LEGACY_IMAPS_PORT
    ssl = yes
  }
  # High-performance mode: a few login processes proxy many TLS connections.
  service_count = 0
  process_min_avail = 2
  client_limit = 1000
}
service imap {
  process_limit = 1000
  vsz_limit = 1G
}
service lmtp {
  inet_listener lmtp {
    address = $LISTEN_ADDR
    port = $LMTP_PORT
  }
}
local $LEGACY_IMAP_ADDR {
  protocol imap {
    imap_capability = $LEGACY_IMAP_CAPABILITY
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0660
    user = postfix
    group = postfix
  }
}
EOF
  replace_if_changed "$DOVECOT_CONF"
}

# Moves FILE.new over FILE; returns 0 if the content changed.
replace_if_changed() {
  local file="$1"
  if [[ -f "$file" ]] && cmp -s "$file.new" "$file"; then
    rm -f "$file.new"; return 1
  fi
  mv -f "$file.new" "$file"; return 0
}

dovecot_pid() {
  local pidfile="$DOVECOT_BASE/master.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start_dovecot() {
  local changed="$1"
  mkdir -p "$DOVECOT_DIR/state" "$MAIL_DIR"
  chown "$VMAIL_USER:$VMAIL_USER" "$MAIL_DIR"
  chmod 750 "$MAIL_DIR"
  if dovecot_pid >/dev/null; then
    if [[ "$changed" == yes ]]; then
      info "dovecot config changed, reloading"
      doveadm -c "$DOVECOT_CONF" reload
    fi
    return 0
  fi
  doveconf -c "$DOVECOT_CONF" -n >/dev/null 2>"$DOVECOT_DIR/doveconf.err" ||
    { cat "$DOVECOT_DIR/doveconf.err" >&2; die "invalid dovecot config $DOVECOT_CONF"; }
  info "starting dovecot (imap $IMAP_STARTTLS_PORT starttls, $IMAPS_PORT tls, lmtp $LMTP_PORT)"
  # Dovecot's master keeps the stdio it was started with: detach it, or a caller
  # reading our output through a pipe ($(...), | tee, execSync) would never see EOF.
  dovecot -c "$DOVECOT_CONF" </dev/null >"$DOVECOT_DIR/startup.log" 2>&1 || {
    cat "$DOVECOT_DIR/startup.log" >&2
    tail -n 30 "$DOVECOT_LOG" >&2 2>/dev/null
    die "dovecot failed to start"
  }
}

stop_dovecot() {
  local pid
  if pid="$(dovecot_pid)"; then
    info "stopping dovecot (pid $pid)"
    dovecot -c "$DOVECOT_CONF" stop 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
    die "dovecot (pid $pid) did not stop"
  fi
}

# ----- Postfix ---------------------------------------------------------------
write_postfix_conf() {
  mkdir -p "$POSTFIX_DIR"
  cat > "$POSTFIX_DIR/main.cf.new" <<EOF
# Generated by scripts/mail-server.sh; edits are overwritten.
# A submission-only relay for tests: mail for $DOMAIN goes to Dovecot over LMTP,
# everything else bounces (default_transport = error) and never leaves the machine.
compatibility_level = 3.6
config_directory = $POSTFIX_DIR
queue_directory = $POSTFIX_QUEUE
data_directory = $POSTFIX_DATA
meta_directory = /etc/postfix
syslog_name = mailroom-postfix
maillog_file = $POSTFIX_LOG
maillog_file_prefixes = $STATE_DIR
inet_interfaces = $LISTEN_ADDR
inet_protocols = ipv4
myhostname = mail.$DOMAIN
mydomain = $DOMAIN
myorigin = $DOMAIN
mydestination =
mynetworks = 127.0.0.0/8
relayhost =
relay_domains =
alias_maps =
alias_database =
local_recipient_maps =
local_transport = error:local delivery is disabled in the test relay
default_transport = error:outside mail is not delivered by the test relay
relay_transport = error:outside mail is not delivered by the test relay
virtual_mailbox_domains = $DOMAIN
virtual_transport = lmtp:inet:$LISTEN_ADDR:$LMTP_PORT
biff = no
append_dot_mydomain = no
message_size_limit = 52428800
mailbox_size_limit = 0
smtputf8_enable = yes

smtpd_banner = \$myhostname ESMTP Mailroom test relay
smtpd_tls_chain_files = $TLS_DIR/server.key, $TLS_DIR/server.pem
smtpd_tls_security_level = encrypt
smtpd_tls_auth_only = yes
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_loglevel = 1
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $AUTH_SOCKET
smtpd_sasl_security_options = noanonymous
smtpd_sasl_authenticated_header = no
smtpd_client_restrictions = permit_sasl_authenticated, reject
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
EOF
  cat > "$POSTFIX_DIR/master.cf.new" <<EOF
# Generated by scripts/mail-server.sh. No port 25: only submission (STARTTLS) and
# submissions (implicit TLS) on loopback, plus Postfix's internal services.
# service            type  private unpriv chroot wakeup maxproc command
$LISTEN_ADDR:$SUBMISSION_PORT inet  n       -      n      -      -       smtpd
  -o syslog_name=mailroom-postfix/submission
$LISTEN_ADDR:$SMTPS_PORT      inet  n       -      n      -      -       smtpd
  -o syslog_name=mailroom-postfix/smtps
  -o smtpd_tls_wrappermode=yes
pickup    unix      n       -      n      60     1       pickup
cleanup   unix      n       -      n      -      0       cleanup
qmgr      unix      n       -      n      300    1       qmgr
tlsmgr    unix      -       -      n      1000?  1       tlsmgr
rewrite   unix      -       -      n      -      -       trivial-rewrite
bounce    unix      -       -      n      -      0       bounce
defer     unix      -       -      n      -      0       bounce
trace     unix      -       -      n      -      0       bounce
verify    unix      -       -      n      -      1       verify
flush     unix      n       -      n      1000?  0       flush
proxymap  unix      -       -      n      -      -       proxymap
proxywrite unix     -       -      n      -      1       proxymap
smtp      unix      -       -      n      -      -       smtp
relay     unix      -       -      n      -      -       smtp
showq     unix      n       -      n      -      -       showq
error     unix      -       -      n      -      -       error
retry     unix      -       -      n      -      -       error
discard   unix      -       -      n      -      -       discard
local     unix      -       n      n      -      -       local
virtual   unix      -       n      n      -      -       virtual
lmtp      unix      -       -      n      -      -       lmtp
anvil     unix      -       -      n      -      1       anvil
scache    unix      -       -      n      -      1       scache
postlog   unix-dgram n      -      n      -      1       postlogd
EOF
  local changed=no
  replace_if_changed "$POSTFIX_DIR/main.cf" && changed=yes
  replace_if_changed "$POSTFIX_DIR/master.cf" && changed=yes
  echo "$changed"
}

postfix_running() { postfix -c "$POSTFIX_DIR" status >/dev/null 2>&1; }

start_postfix() {
  local changed="$1"
  mkdir -p "$POSTFIX_QUEUE" "$POSTFIX_DATA"
  touch "$POSTFIX_LOG"
  if postfix_running; then
    if [[ "$changed" == yes ]]; then
      info "postfix config changed, reloading"
      postfix -c "$POSTFIX_DIR" reload 2>/dev/null
    fi
    return 0
  fi
  # First start: create the queue subdirectories with the right owners
  # (`postfix start` itself runs `postfix check` every time).
  if [[ ! -d "$POSTFIX_QUEUE/active" ]]; then
    postfix -c "$POSTFIX_DIR" set-permissions >/dev/null 2>"$STATE_DIR/postfix-setup.err" ||
      { cat "$STATE_DIR/postfix-setup.err" >&2; die "postfix set-permissions failed"; }
  fi
  chown postfix "$POSTFIX_DATA"
  info "starting postfix (submission $SUBMISSION_PORT starttls, $SMTPS_PORT tls)"
  postfix -c "$POSTFIX_DIR" start </dev/null >/dev/null 2>"$STATE_DIR/postfix-setup.err" ||
    { cat "$STATE_DIR/postfix-setup.err" >&2; tail -n 30 "$POSTFIX_LOG" >&2; die "postfix failed to start"; }
}

stop_postfix() {
  if postfix_running; then
    info "stopping postfix"
    postfix -c "$POSTFIX_DIR" stop 2>/dev/null || die "postfix stop failed"
  fi
}

# ----- readiness -------------------------------------------------------------
port_open() { (exec 3<>"/dev/tcp/$LISTEN_ADDR/$1") 2>/dev/null; }

wait_for_port() {
  local port="$1" log="$2" deadline=$((SECONDS + PORT_TIMEOUT_SECONDS))
  until port_open "$port"; do
    if (( SECONDS >= deadline )); then
      echo "mail-server: port $LISTEN_ADDR:$port did not answer within ${PORT_TIMEOUT_SECONDS}s; last log lines of $log:" >&2
      tail -n 40 "$log" >&2 2>/dev/null || true
      exit 1
    fi
    sleep 0.2
  done
}

# ----- env -------------------------------------------------------------------
write_env() {
  cat > "$ENV_FILE.new" <<EOF
MAILROOM_IMAP_HOST=$LISTEN_ADDR
MAILROOM_IMAP_PORT=$IMAPS_PORT
MAILROOM_IMAP_SECURITY=tls
MAILROOM_IMAP_STARTTLS_PORT=$IMAP_STARTTLS_PORT
MAILROOM_LEGACY_IMAP_HOST=$LEGACY_IMAP_ADDR
MAILROOM_LEGACY_IMAP_PORT=$LEGACY_IMAPS_PORT
MAILROOM_SMTP_HOST=$LISTEN_ADDR
MAILROOM_SMTP_PORT=$SUBMISSION_PORT
MAILROOM_SMTP_SECURITY=starttls
MAILROOM_SMTPS_PORT=$SMTPS_PORT
MAILROOM_LMTP_PORT=$LMTP_PORT
MAILROOM_TLS_CA_FILE=$TLS_DIR/ca.pem
MAILROOM_TEST_DOMAIN=$DOMAIN
MAILROOM_MAIL_STATE=$STATE_DIR
MAILROOM_DOVECOT_CONF=$DOVECOT_CONF
MAILROOM_USERS_FILE=$USERS_FILE
EOF
  replace_if_changed "$ENV_FILE" || true
}

ensure_gitignore() {
  # Only for the default state dir inside the project; append-only.
  [[ "$STATE_DIR" == "$ROOT_DIR/.mail-server" ]] || return 0
  local gi="$ROOT_DIR/.gitignore"
  if [[ ! -f "$gi" ]] || ! grep -qxF ".mail-server/" "$gi"; then
    [[ -s "$gi" && -n "$(tail -c1 "$gi")" ]] && echo >> "$gi"
    echo ".mail-server/" >> "$gi"
  fi
}

# ----- commands --------------------------------------------------------------
# Another checkout's Mailroom mail servers (a second clone, CI's clean clone, or a deleted checkout
# whose servers still run) hold the same fixed ports; stop them so this checkout's can start. Only processes whose config was written by this
# script are touched: a system Dovecot or Postfix is left alone.
# A config written by this script: it says so, or (its checkout deleted) it lived in a state dir of ours.
is_our_kind() {
  local path="$1" file="$2"
  grep -q "scripts/mail-server.sh" "$file" 2>/dev/null && return 0
  [[ ! -e "$file" && ( "$path" == */.mail-server/* || "$path" == /var/tmp/mailroom-mail-* ) ]]
}

stop_other_checkouts() {
  local pid conf dir
  for pid in $(pgrep -x dovecot || true); do
    conf="$(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | sed -n '/^-c$/{n;p;q}')"
    [[ -n "$conf" && "$pid" != "$(dovecot_pid || true)" ]] || continue
    is_our_kind "$conf" "$conf" || continue
    info "stopping the Dovecot of another checkout ($conf): it holds the same ports"
    dovecot -c "$conf" stop 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
  for pid in $(pgrep -x master || true); do
    dir="$(tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | sed -n 's/^MAIL_CONFIG=//p' | head -n 1)"
    [[ -n "$dir" && "$pid" != "$({ tr -d ' ' < "$POSTFIX_QUEUE/pid/master.pid"; } 2>/dev/null || true)" ]] || continue
    is_our_kind "$dir" "$dir/main.cf" || continue
    info "stopping the Postfix of another checkout ($dir): it holds the same ports"
    postfix -c "$dir" stop >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
}

cmd_up() {
  require_root
  install_packages
  ensure_vmail_user
  ensure_gitignore
  ensure_tls
  local dovecot_changed=no postfix_changed
  write_dovecot_conf && dovecot_changed=yes
  ensure_demo_users
  postfix_changed="$(write_postfix_conf)"
  write_env
  stop_other_checkouts
  start_dovecot "$dovecot_changed"
  wait_for_port "$IMAP_STARTTLS_PORT" "$DOVECOT_LOG"
  wait_for_port "$IMAPS_PORT" "$DOVECOT_LOG"
  wait_for_port "$LMTP_PORT" "$DOVECOT_LOG"
  [[ -S "$AUTH_SOCKET" ]] || die "dovecot auth socket $AUTH_SOCKET missing"
  start_postfix "$postfix_changed"
  wait_for_port "$SUBMISSION_PORT" "$POSTFIX_LOG"
  wait_for_port "$SMTPS_PORT" "$POSTFIX_LOG"
  info "up: IMAP $LISTEN_ADDR:$IMAPS_PORT (tls) / :$IMAP_STARTTLS_PORT (starttls), SMTP :$SUBMISSION_PORT (starttls) / :$SMTPS_PORT (tls)"
  info "env: $ENV_FILE (source it with: set -a; source <(bash scripts/mail-server.sh env); set +a)"
}

cmd_down() {
  stop_postfix
  stop_dovecot
  info "down"
}

cmd_status() {
  local pid any=0
  if pid="$(dovecot_pid)"; then echo "dovecot: running (pid $pid, config $DOVECOT_CONF)"; any=1
  else echo "dovecot: stopped"; fi
  if postfix_running; then echo "postfix: running (config $POSTFIX_DIR)"; any=1
  else echo "postfix: stopped"; fi
  if (( any )); then
    echo "listeners:"
    ss -Hltn 2>/dev/null | awk -v p=":($IMAP_STARTTLS_PORT|$IMAPS_PORT|$LMTP_PORT|$SUBMISSION_PORT|$SMTPS_PORT)\$" '$4 ~ p { print "  " $4 }' | sort -u
  fi
  echo "state: $STATE_DIR"
}

cmd_env() {
  [[ -f "$ENV_FILE" ]] || write_env
  cat "$ENV_FILE"
}

cmd_add_user() {
  require_root
  [[ -f "$DOVECOT_CONF" ]] || die "run 'up' first"
  add_user "$@"
  # Dovecot looks at the passwd-file at most once a second: wait until it knows the new user.
  if [[ -S "$DOVECOT_BASE/auth-userdb" || -d "$DOVECOT_BASE" ]] && pgrep -f "dovecot -c $DOVECOT_CONF" >/dev/null 2>&1; then
    local tries=0
    until doveadm -c "$DOVECOT_CONF" auth lookup "$1" >/dev/null 2>&1; do
      (( ++tries > 30 )) && die "Dovecot does not see user $1"
      sleep 0.1
    done
  fi
  info "user $1 set"
}

cmd_seed() {
  require_root
  local force=""
  [[ "${1:-}" == "--force" ]] && force=1
  dovecot_pid >/dev/null || die "dovecot is not running; run 'up' first"
  if [[ -f "$SEED_MARKER" && -z "$force" ]]; then
    info "demo mailboxes already seeded ($SEED_MARKER); use 'seed --force' to reseed"
    return 0
  fi
  local user
  if [[ -n "$force" ]]; then
    # Disconnect the users and drop their whole mail home (much faster than
    # expunging, and avoids Dovecot's "expunged message reappeared" resyncs).
    for user in "alice@$DOMAIN" "bob@$DOMAIN"; do
      info "removing all mail of $user"
      doveadm -c "$DOVECOT_CONF" kick "$user" >/dev/null 2>&1 || true
      rm -rf "${MAIL_DIR:?}/$DOMAIN/${user%@*}"
    done
  fi
  local seed=(npx --prefix "$ROOT_DIR" tsx "$ROOT_DIR/scripts/seed-mailbox.ts")
  export MAILROOM_MAIL_STATE="$STATE_DIR"
  cd "$ROOT_DIR"
  "${seed[@]}" --user "alice@$DOMAIN" --folder INBOX --count 300 --seed 1 --sent-replies
  "${seed[@]}" --user "alice@$DOMAIN" --folder Archive --count 60 --seed 2 --end-date 2024-12-31T18:00:00Z --span-days 730
  "${seed[@]}" --user "alice@$DOMAIN" --folder Projects/Atlas --count 40 --seed 3
  "${seed[@]}" --user "bob@$DOMAIN" --folder INBOX --count 50 --seed 4 --sent-replies
  date -u +%FT%TZ > "$SEED_MARKER"
  info "seeded demo mailboxes"
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) cmd_env ;;
    add-user) cmd_add_user "$@" ;;
    seed) cmd_seed "$@" ;;
    *) echo "usage: $0 up|down|status|env|add-user EMAIL PASSWORD|seed [--force]" >&2; exit 2 ;;
  esac
}

# On one line so bash has parsed the exit before running anything.
main "$@"; exit
