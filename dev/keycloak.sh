#!/usr/bin/env bash
# Keycloak from its Maven Central distribution, dev mode, on 127.0.0.1:8180, with the committed realm.
# Usage: dev/keycloak.sh start|stop|restart|status
#   start   fetches and unpacks the distribution once, imports dev/keycloak/lobsterops-realm.json, starts Keycloak,
#           waits until the realm's OpenID configuration answers. When the realm file changed since the last
#           import, the dev database is reset so the new realm is imported (dev-only data, nothing else lives there).
#   stop    stops the Keycloak this script started (by its PID file)
source "$(dirname "$0")/lib.sh"

KEYCLOAK_HOME="$TOOLS/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
REALM_FILE="$ROOT/dev/keycloak/lobsterops-realm.json"
REALM="lobsterops"
ISSUER="http://127.0.0.1:$KEYCLOAK_PORT/realms/$REALM"

fetch() {
  [ -f "$KEYCLOAK_HOME/.complete" ] && return 0
  command -v unzip >/dev/null || { as_root apt-get update -q >/dev/null; as_root apt-get install -y -q unzip >/dev/null; }
  log "fetching Keycloak $KEYCLOAK_VERSION (about 180 MB, once)"
  local tmp; tmp="$(mktemp -d)"
  mvnw -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$tmp" >/dev/null
  unzip -q "$tmp/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$tmp"
  rm -rf "$KEYCLOAK_HOME"
  mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME"
  rm -rf "$tmp"
  touch "$KEYCLOAK_HOME/.complete"
}

# Put the committed realm where --import-realm looks; reset the dev database when the realm file changed,
# because --import-realm skips a realm that already exists.
stage_realm() {
  local sum old=""
  sum="$(sha256sum "$REALM_FILE" | cut -d' ' -f1)"
  [ -f "$STATE/keycloak-realm.sha256" ] && old="$(cat "$STATE/keycloak-realm.sha256")"
  if [ "$sum" != "$old" ] && [ -d "$KEYCLOAK_HOME/data/h2" ]; then
    log "realm file changed since the last import: resetting Keycloak's dev database"
    rm -rf "$KEYCLOAK_HOME/data/h2"
  fi
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$REALM_FILE" "$KEYCLOAK_HOME/data/import/$REALM-realm.json"
  echo "$sum" > "$STATE/keycloak-realm.sha256"
}

start() {
  select_jdk
  fetch
  if ! is_running keycloak; then
    port_open "$KEYCLOAK_PORT" \
      && die "127.0.0.1:$KEYCLOAK_PORT is taken by a process these scripts did not start (ss -ltnp | grep $KEYCLOAK_PORT)"
    stage_realm
    log "starting Keycloak $KEYCLOAK_VERSION on 127.0.0.1:$KEYCLOAK_PORT (log: $LOGS/keycloak.log)"
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
      JAVA_OPTS_KC_HEAP="${KEYCLOAK_HEAP:--Xms128m -Xmx768m}" \
      start_bg keycloak "$KEYCLOAK_HOME/bin/kc.sh" start-dev --http-port="$KEYCLOAK_PORT" --http-host=127.0.0.1 \
      --import-realm --health-enabled=false
  fi
  wait_keycloak 180
  log "Keycloak ready: $ISSUER (admin console http://127.0.0.1:$KEYCLOAK_PORT/admin, admin/admin)"
}

wait_keycloak() {
  local timeout="$1" i
  for ((i = 0; i < timeout * 2; i++)); do
    curl -fsS -o /dev/null "$ISSUER/.well-known/openid-configuration" 2>/dev/null && return 0
    is_running keycloak || die "Keycloak exited during start-up; see $LOGS/keycloak.log"
    sleep 0.5
  done
  die "Keycloak did not serve $ISSUER within ${timeout}s (see $LOGS/keycloak.log)"
}

# kc.sh forwards TERM to its java child; it was started with setsid, so its PID is also its process group, and
# anything of that group still alive after the grace period (a java orphaned by a killed kc.sh) is killed with it.
stop() {
  local pid=""
  [ -f "$(pidfile keycloak)" ] && pid="$(cat "$(pidfile keycloak)")"
  stop_pid keycloak 30
  if [ -n "$pid" ] && kill -0 -- "-$pid" 2>/dev/null; then
    warn "Keycloak's process group $pid outlived kc.sh; killing it"
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  log "Keycloak stopped"
}

status() {
  if is_running keycloak; then
    echo "running (pid $(cat "$(pidfile keycloak)")), realm $ISSUER"
  else
    echo "stopped"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  *) die "usage: $0 start|stop|restart|status" ;;
esac
