#!/usr/bin/env bash
# Warms the npm cache of the SSH test host's user (dev/testhost.sh's instance: the environment's, else the test run's,
# ADR 0071) with Node 24 (npm package node@24) and the pinned openclaw, so
# that provisioning-service's install steps (which run npm as that user over SSH) hit the cache and CI stays fast.
# The pinned version is read from provisioning-service's configuration: one place to bump it.
#
#   dev/openclaw.sh install    warm the cache (idempotent; quick once done for this version)
#   dev/openclaw.sh status     what is pinned and whether the cache is warm
#   dev/openclaw.sh version    the pinned openclaw version
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROPS="$ROOT/provisioning-service/src/main/resources/application.properties"
OPENCLAW_VERSION="$(sed -n 's/^lobsterops\.provisioning\.openclaw\.version=//p' "$PROPS")"
NODE_PACKAGE="$(sed -n 's/^lobsterops\.provisioning\.openclaw\.node-package=//p' "$PROPS")"
NODE_PACKAGE="${NODE_PACKAGE:-node@24}"
[ -n "$OPENCLAW_VERSION" ] || die "lobsterops.provisioning.openclaw.version is not set in $PROPS"
name_test_host
TESTHOST_USER="${LOBSTEROPS_TESTHOST_USER:-lobster-host}"
# one stamp per user: the tests' host keeps the name it always had
STAMP="$TOOLS/openclaw-$OPENCLAW_VERSION-$NODE_PACKAGE.warm"
[ "$TESTHOST_USER" = lobster-host ] || STAMP="$TOOLS/openclaw-$OPENCLAW_VERSION-$NODE_PACKAGE-$TESTHOST_USER.warm"

as_user() { as_root runuser -u "$TESTHOST_USER" -- env -i HOME="$(getent passwd "$TESTHOST_USER" | cut -d: -f6)" \
  PATH=/usr/local/bin:/usr/bin:/bin NO_COLOR=1 bash -c "$1"; }

install() {
  "$ROOT/dev/testhost.sh" user
  local home; home="$(getent passwd "$TESTHOST_USER" | cut -d: -f6)"
  if [ -f "$STAMP" ] && [ -d "$home/.npm/_cacache" ]; then
    log "npm cache of $TESTHOST_USER already warm for $NODE_PACKAGE + openclaw@$OPENCLAW_VERSION"; return 0
  fi
  command -v npm >/dev/null || as_root apt-get install -y -q npm >/dev/null
  seed_cache "$home"
  if [ "$SEEDED_WARM" = 1 ]; then touch "$STAMP"; log "npm cache of $TESTHOST_USER warm (a copy of a warm one)"; return 0; fi
  log "warming the npm cache of $TESTHOST_USER: $NODE_PACKAGE, openclaw@$OPENCLAW_VERSION (a few minutes when cold)"
  local started=$SECONDS
  # the same commands as provisioning-service's install steps, into a throw-away prefix
  as_user "set -e; w=\$HOME/.cache/lobsterops-warm; rm -rf \$w; mkdir -p \$w/node \$w/openclaw
    # npm reads its global config (CA file, proxy) from its prefix: keep the system's once Node 24 leads PATH
    gc=\$(npm config get globalconfig)
    cd \$w/node && npm install --no-audit --no-fund --loglevel=error $NODE_PACKAGE >/dev/null
    export PATH=\$w/node/node_modules/.bin:\$PATH
    node --version
    npm install -g --prefix \$w/openclaw --globalconfig \"\$gc\" --no-audit --no-fund --loglevel=error openclaw@$OPENCLAW_VERSION >/dev/null
    \$w/openclaw/bin/openclaw --version
    rm -rf \$w"
  touch "$STAMP"
  log "npm cache warm in $((SECONDS - started)) s"
}

# npm's cache is content-addressed: a user whose cache is warm already (another test run's, the local platform's)
# lends it rather than downloading it again; npm verifies what it takes from it. The warm users of this version first
# (their stamps): a copy of theirs is warm as it is (SEEDED_WARM=1, no warming install); then the shared test host's
# user of a plain Maven run.
SEEDED_WARM=0
seed_cache() {
  local home="$1" stamp other other_home
  [ ! -d "$home/.npm/_cacache" ] || return 0
  for stamp in "$TOOLS/openclaw-$OPENCLAW_VERSION-$NODE_PACKAGE"-*.warm lobster-host; do
    other="${stamp#"$TOOLS/openclaw-$OPENCLAW_VERSION-$NODE_PACKAGE-"}"; other="${other%.warm}"
    [ "$other" != "$TESTHOST_USER" ] || continue
    other_home="$(getent passwd "$other" | cut -d: -f6)" || continue
    as_root test -d "$other_home/.npm/_cacache" || continue
    log "seeding the npm cache of $TESTHOST_USER from $other's"
    as_root cp -a "$other_home/.npm" "$home/.npm"
    as_root chown -R "$TESTHOST_USER:$TESTHOST_USER" "$home/.npm"
    if [ "$stamp" != lobster-host ] || [ -f "$TOOLS/openclaw-$OPENCLAW_VERSION-$NODE_PACKAGE.warm" ]; then SEEDED_WARM=1; fi
    return 0
  done
}

status() {
  echo "openclaw@$OPENCLAW_VERSION with $NODE_PACKAGE for user $TESTHOST_USER: $([ -f "$STAMP" ] && echo warm || echo cold)"
}

case "${1:-}" in
  install) install ;;
  status) status ;;
  version) echo "$OPENCLAW_VERSION" ;;
  *) die "usage: $0 install|status|version" ;;
esac
