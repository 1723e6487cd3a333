#!/usr/bin/env bash
# Shared helpers for the dev/ scripts: paths, JDK selection, the Maven wrapper, process control by PID file.
# Sourced, never run. Everything it starts listens on 127.0.0.1 only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${LOBSTEROPS_STATE:-$ROOT/.dev}"
RUN="$STATE/run"        # PID files
LOGS="$STATE/logs"      # one log per process
TOOLS="$STATE/tools"    # downloaded distributions (Kafka jars, Keycloak, Node, OpenClaw)
# a second checkout may share one state directory through a .dev link (or LOBSTEROPS_STATE); a link that leads nowhere,
# or to itself, would lose the broker's data and the test host's keys: stop and say so
if [ -L "$STATE" ] && [ ! -d "$STATE" ]; then
  printf '\033[1;31m[lobsterops]\033[0m %s\n' "$STATE is a link to $(readlink "$STATE"), which is not a directory:" \
    "remove the link (rm $STATE) for a state directory of this checkout's own, or point it at another checkout's .dev" >&2
  exit 1
fi
mkdir -p "$RUN" "$LOGS" "$TOOLS"

KAFKA_VERSION="4.3.1"
KEYCLOAK_VERSION="26.7.3"
MAVEN_VERSION="3.9.16"
SERVICES=(provisioning-service agent-config-service monitoring-service notification-service billing-service)
declare -A SERVICE_PORT=([provisioning-service]=8081 [agent-config-service]=8082 [monitoring-service]=8083
                         [notification-service]=8084 [billing-service]=8085)
DATABASES=(provisioning agentconfig monitoring notification billing)
PG_USER="lobsterops"
PG_PASSWORD="lobsterops"

log()  { printf '\033[1;34m[lobsterops]\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33m[lobsterops]\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[1;31m[lobsterops]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# The project builds Java 21 bytecode with Temurin 25 (architecture §5); nobody sets JAVA_HOME by hand.
select_jdk() {
  local candidate
  for candidate in "${LOBSTEROPS_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-openjdk*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ]; then
      export JAVA_HOME="$candidate"; export PATH="$JAVA_HOME/bin:$PATH"; return 0
    fi
  done
  die "no JDK 25 found under /usr/lib/jvm (set LOBSTEROPS_JAVA_HOME to one)"
}

# Same as mvnw's hash_string (Java String::hashCode, unsigned, hex).
hash_string() {
  local str="$1" h=0 char
  while [ -n "$str" ]; do
    char="${str:0:1}"; str="${str:1}"
    h=$(((h * 31 + $(LC_CTYPE=C printf %d "'$char")) % 4294967296))
  done
  printf %x "$h"
}

# Unpack the wrapper's Maven where mvnw looks for it, from the local repository (fetched by the system mvn).
ensure_maven() {
  local url home repo zip
  url="$(sed -n 's/^distributionUrl=//p' "$ROOT/.mvn/wrapper/maven-wrapper.properties")"
  home="${MAVEN_USER_HOME:-$HOME/.m2}/wrapper/dists/apache-maven-$MAVEN_VERSION/$(hash_string "$url")"
  [ -x "$home/bin/mvn" ] && return 0
  command -v mvn >/dev/null || as_root apt-get install -y -q maven >/dev/null
  repo="$(mktemp -d)"
  log "fetching Maven $MAVEN_VERSION for the wrapper"
  JAVA_HOME= mvn -q -B dependency:copy -Dartifact="org.apache.maven:apache-maven:$MAVEN_VERSION:zip:bin" -DoutputDirectory="$repo" >/dev/null
  zip="$repo/apache-maven-$MAVEN_VERSION-bin.zip"
  mkdir -p "$(dirname "$home")"
  unzip -q "$zip" -d "$repo/unpacked"
  rm -rf "$home"; mv "$repo/unpacked/apache-maven-$MAVEN_VERSION" "$home"
  rm -rf "$repo"
}

mvnw() { ensure_maven; (cd "$ROOT" && ./mvnw "$@"); }

pidfile() { echo "$RUN/$1.pid"; }
is_running() { local f; f="$(pidfile "$1")"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

# start_bg NAME CMD... : starts CMD detached, its PID in run/NAME.pid, output in logs/NAME.log
start_bg() {
  local name="$1"; shift
  if is_running "$name"; then log "$name already running (pid $(cat "$(pidfile "$name")"))"; return 0; fi
  setsid nohup "$@" >"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$(pidfile "$name")"
}

# stop_pid NAME [GRACE_SECONDS]: TERM the process recorded in its PID file, KILL after the grace period.
stop_pid() {
  local name="$1" grace="${2:-20}" f pid i
  f="$(pidfile "$name")"
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { warn "$name did not stop in ${grace}s, killing"; kill -KILL "$pid" 2>/dev/null || true; }
  fi
  rm -f "$f"
}

wait_port() {
  local port="$1" what="$2" timeout="${3:-60}" i
  for ((i = 0; i < timeout * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  die "$what did not open 127.0.0.1:$port within ${timeout}s (see $LOGS)"
}

wait_http() {
  local url="$1" what="$2" timeout="${3:-90}" i
  for ((i = 0; i < timeout * 2; i++)); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.5
  done
  die "$what did not answer $url within ${timeout}s (see $LOGS)"
}

# ensure_debs PKG...: installs the Debian packages that are not installed yet (one apt-get update, only when needed).
ensure_debs() {
  local pkg missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# port_open PORT: true when something listens on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The SSH client host of dev/testhost.sh runs as several instances on this machine (ADRs 0022, 0071): each test run's
# own (use_test_host, below) and the local platform's. Every script that drives the local platform calls
# use_local_host first, so that dev/testhost.sh and dev/openclaw.sh work on the local platform's instance and a test
# run never meets it.
use_local_host() {
  export LOBSTEROPS_TESTHOST_NAME=local-host
  export LOBSTEROPS_TESTHOST_PORT="${LOBSTEROPS_LOCAL_HOST_PORT:-2322}"
  export LOBSTEROPS_TESTHOST_USER=lobster-local
  export LOBSTEROPS_TESTHOST_GIT_USER=lobster-local-git
  # provisioning places the local platform's gateways from this port on (each test run's from a range of its own,
  # test_gateway_base_port): all hosts share this machine's ports, so their gateways must not
  LOCAL_GATEWAY_BASE_PORT="${LOBSTEROPS_LOCAL_GATEWAY_BASE_PORT:-28789}"
}

# A test run's own names (ADR 0071). dev/test exports LOBSTEROPS_RUN_ID (given, or derived from the checkout's path);
# the build turns it into the databases <db>_test_<id>, the topics engagement-events-test-<id>-<module> and the groups
# <service>-test-<id> (the parent POM's profile test-run), the scripts into the run's SSH test hosts (use_test_host) and
# gateway ports (test_gateway_base_port). Without a run id (a plain Maven run) the shared names of before stay.
# The test runs of this machine, whichever checkout and state directory they run from (ports and users are the
# machine's): per run id, ID.slot (its slot and checkout) and, while it runs, ID.pid (dev/test's lease)
TEST_RUNS="${LOBSTEROPS_TEST_RUNS:-/var/tmp/lobsterops-test-runs}"

# test_run_id: LOBSTEROPS_RUN_ID, or this checkout's own (its path's hash: the same checkout, the same id)
test_run_id() {
  local id="${LOBSTEROPS_RUN_ID:-$(hash_string "$ROOT")}"
  [[ "$id" =~ ^[a-z0-9]{1,12}$ ]] || die "not a run id: '$id' (LOBSTEROPS_RUN_ID: 1 to 12 lower-case letters or digits)"
  echo "$id"
}

# test_run_live ID: true while a dev/test of that run id runs (its lease, TEST_RUNS/ID.pid)
test_run_live() { [ -f "$TEST_RUNS/$1.pid" ] && kill -0 "$(cat "$TEST_RUNS/$1.pid")" 2>/dev/null; }

# test_run_slot ID: the run's slot, 1 to 10, which numbers its ports (sshd, gateways). Kept in TEST_RUNS/ID.slot, so
# the next run of the same id has the same ports; a new id takes a free slot, else the one of the run least recently
# started that is not running now.
TEST_RUN_SLOTS=10
test_run_slot() {
  local id="$1"
  mkdir -p "$TEST_RUNS"
  (
    flock 9
    local file="$TEST_RUNS/$id.slot" slot="" candidate f
    if [ -f "$file" ]; then read -r slot _ < "$file"; touch "$file"; echo "$slot"; exit 0; fi
    for ((candidate = 1; candidate <= TEST_RUN_SLOTS; candidate++)); do
      grep -qs "^$candidate " "$TEST_RUNS"/*.slot || { slot=$candidate; break; }
    done
    if [ -z "$slot" ]; then
      for f in $(ls -tr "$TEST_RUNS"/*.slot); do
        test_run_live "$(basename "$f" .slot)" && continue
        read -r slot _ < "$f"; rm -f "$f"; break
      done
    fi
    [ -n "$slot" ] || die "all $TEST_RUN_SLOTS test run slots belong to running test runs (ls $TEST_RUNS)"
    echo "$slot $ROOT" > "$file"
    echo "$slot"
  ) 9>"$TEST_RUNS/.lock"
}

# test_gateway_base_port SLOT: the first port of the run's gateways; 1,500 ports (12 gateways, 120 apart) per slot,
# below the kernel's ephemeral ports and apart from the local platform's (28789 on) and the loopback servers' ports
test_gateway_base_port() {
  local bases=(20000 21500 23000 24500 26000 13000 14500 16000 30000 31200)
  echo "${bases[$(($1 - 1))]}"
}

# use_test_host [mon]: names this test run's SSH test host instance for dev/testhost.sh, dev/openclaw.sh and
# dev/support/test-gateway.sh: provisioning's and agent-config's (no role), or monitoring's (mon: its build sets
# LOBSTEROPS_TESTHOST_ROLE=mon), so that monitoring's tests run beside provisioning's, which reset their host user
# (ADR 0051). With a run id: test-<id>[-mon] on 127.0.0.1:2400+2*slot[+1], users lobster-<id>[-mon] and
# lobster-<id>[-mon]-git; without one, the shared instances of a plain Maven run (2222 lobster-host, 2223 lobster-mon).
use_test_host() {
  local role="${1:-}" id slot
  case "$role" in "" | mon) ;; *) die "not a test host role: '$role' (none, or mon)" ;; esac
  if [ -z "${LOBSTEROPS_RUN_ID:-}" ]; then
    if [ "$role" = mon ]; then
      set -- testhost-monitoring 2223 lobster-mon lobster-mon-git
    else
      set -- testhost 2222 lobster-host lobster-git
    fi
  else
    id="$(test_run_id)"; slot="$(test_run_slot "$id")"
    if [ "$role" = mon ]; then
      set -- "test-$id-mon" $((2400 + 2 * slot + 1)) "lobster-$id-mon" "lobster-$id-mon-git"
    else
      set -- "test-$id" $((2400 + 2 * slot)) "lobster-$id" "lobster-$id-git"
    fi
  fi
  export LOBSTEROPS_TESTHOST_NAME="$1" LOBSTEROPS_TESTHOST_PORT="$2" LOBSTEROPS_TESTHOST_USER="$3" \
    LOBSTEROPS_TESTHOST_GIT_USER="$4"
}

# The test host scripts work on the instance the environment names (use_local_host's), else on the test run's
# (use_test_host with the role in LOBSTEROPS_TESTHOST_ROLE)
name_test_host() { [ -n "${LOBSTEROPS_TESTHOST_NAME:-}" ] || use_test_host "${LOBSTEROPS_TESTHOST_ROLE:-}"; }

# The local platform's loopback SMTP server (GreenMail standalone, started by dev/up, read with dev/mailbox)
MAIL_SMTP_PORT=12025
MAIL_IMAP_PORT=12143
MAIL_API_PORT=12180

# Keycloak of the local platform (dev/keycloak.sh) and a password-grant token from it for a demo user.
KEYCLOAK_URL="${KEYCLOAK_URL:-http://127.0.0.1:8180}"
KEYCLOAK_REALM_URL="$KEYCLOAK_URL/realms/lobsterops"
dev_token() {
  local user="$1" password="${2:-$1-dev}"
  curl -fsS -d grant_type=password -d client_id=lobsterops-cli -d username="$user" -d password="$password" \
    "$KEYCLOAK_REALM_URL/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

# The walk-through scripts' one way to call an API (dev/provision, dev/release, dev/lifecycle, dev/billing-month,
# dev/upgrade-terminate). api_call TOKEN METHOD URL [BODY] EXPECTED_STATUS: prints the answer's body; on another
# status prints that body to stderr and dies naming the call.
api_call() {
  local token="$1" method="$2" url="$3" data="${4:-}" expected="$5" out status
  out="$(mktemp)"
  local args=(-sS -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token")
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' -d "$data")
  status="$(curl "${args[@]}" "$url")" || status=000
  if [ "$status" != "$expected" ]; then cat "$out" >&2; rm -f "$out"; die "$method $url answered $status, expected $expected"; fi
  cat "$out"; rm -f "$out"
}

# until_ok SECONDS COMMAND...: runs the command every second until it succeeds (0) or the time is up (1)
until_ok() { local deadline=$((SECONDS + $1)); shift; until "$@"; do [ "$SECONDS" -lt "$deadline" ] || return 1; sleep 1; done; }

# service_jvm_options SERVICE: the service's JVM settings (heap, GC, code cache), written once in
# k8s/base/services/jvm.env, which dev/up, the benchmarks and the Kubernetes Deployments read (ADR 0068)
service_jvm_options() {
  local line
  line="$(grep -E "^$1=" "$ROOT/k8s/base/services/jvm.env" | head -1)"
  [ -n "$line" ] || die "no JVM settings for $1 in k8s/base/services/jvm.env"
  echo "${line#*=}"
}

# The JDK's AOT cache of a packaged service (ADR 0075): DIR/app.aot, next to DIR/quarkus-run.jar, holds the classes
# a start-up loads and links, already parsed, and the methods' profiles. A training run writes it: the service started
# as it will run (same JVM settings, so the cache is accepted) with -XX:AOTCacheOutput, until ready and a few requests
# answered, then stopped; the JVM assembles the cache as it exits. A cache the JVM cannot use (another JDK, other
# settings, jars changed since) is ignored with a warning and the service starts as without one.
aot_cache_fresh() {   # aot_cache_fresh DIR: DIR/app.aot exists and no jar of DIR is newer
  local dir="$1"
  [ -f "$dir/app.aot" ] || return 1
  [ -z "$(find "$dir/quarkus-run.jar" "$dir/lib" "$dir/app" "$dir/quarkus" -newer "$dir/app.aot" -print -quit 2>/dev/null)" ]
}
# aot_cache_options DIR: the JVM option that uses DIR/app.aot when it is fresh; nothing when there is none
aot_cache_options() { if aot_cache_fresh "$1"; then echo "-XX:AOTCache=$1/app.aot"; fi; }
# aot_record_start NAME DIR JAVA_ARGS...: a training run of the service in DIR (java JAVA_ARGS, without -jar), started
# like start_bg; aot_record_finish completes it
aot_record_start() {
  local name="$1" dir="$2"; shift 2
  rm -f "$dir/app.aot" "$dir/app.aot.config"
  start_bg "$name" java "$@" -XX:AOTCacheOutput="$dir/app.aot" -jar "$dir/quarkus-run.jar"
}
# aot_record_finish NAME DIR BASE_URL: waits for BASE_URL/q/health/ready, asks what a first client asks (health,
# metrics, the OpenAPI document, an API path without a token), stops the run and checks that the cache was written.
# Returns 1 (with a warning) when the training run did not get ready or wrote no cache.
aot_record_finish() {
  local name="$1" dir="$2" url="$3" i path ready=0
  for ((i = 0; i < ${LOBSTEROPS_READY_TIMEOUT:-240} * 2; i++)); do
    if curl -fsS -o /dev/null "$url/q/health/ready" 2>/dev/null; then ready=1; break; fi
    is_running "$name" || break
    sleep 0.5
  done
  if [ "$ready" -eq 1 ]; then
    for path in /q/health /q/health/live /q/metrics /q/openapi /engagements /gateways /invoices; do
      curl -sS -o /dev/null "$url$path" 2>/dev/null || true
    done
  fi
  stop_pid "$name" 180   # the JVM assembles the cache as it exits: seconds, more on a busy machine
  if [ "$ready" -eq 1 ] && [ -s "$dir/app.aot" ]; then return 0; fi
  warn "$name: no AOT cache written (ready: $ready; see $LOGS/$name.log); the service starts without one"
  rm -f "$dir/app.aot"
  return 1
}

