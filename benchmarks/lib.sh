#!/usr/bin/env bash
# Shared by the benchmarks: the dev/ helpers plus starting a packaged service on a side port.
source "$(dirname "${BASH_SOURCE[0]}")/../dev/lib.sh"

RESULTS="$ROOT/benchmarks/results"
mkdir -p "$RESULTS"

psql_db() { PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -U "$PG_USER" -qtAX -v ON_ERROR_STOP=1 -d "$1" "${@:2}"; }

# BENCH_BUILD: the root of another checkout whose packaged services the benchmark runs instead of this one's (to
# compare two commits in one run: package both, run the benchmark once with each); it must be packaged already.
BUILD="${BENCH_BUILD:-$ROOT}"

ensure_packaged() {
  local svc
  for svc in "$@"; do
    if [ "$BUILD" != "$ROOT" ]; then
      [ -f "$BUILD/$svc/target/quarkus-app/quarkus-run.jar" ] || die "BENCH_BUILD=$BUILD: $svc is not packaged there"
    elif [ ! -f "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" ]; then
      log "packaging $svc"
      mvnw -B -q install -DskipTests -pl "$svc" -am >/dev/null
    fi
  done
}

# start_service NAME SERVICE PORT [-Dprop=value ...]: the packaged service on a side port, PID in run/NAME.pid
start_service() {
  local name="$1" svc="$2" port="$3"; shift 3
  # shellcheck disable=SC2046 # the service's own JVM settings (k8s/base/services/jvm.env, ADR 0068) are words, and
  # its AOT cache when dev/up or service-startup.sh trained one for this build (ADR 0075), as dev/up starts it
  start_bg "$name" java $(service_jvm_options "$svc") $(aot_cache_options "$BUILD/$svc/target/quarkus-app") \
    -Dquarkus.http.port="$port" "$@" \
    -jar "$BUILD/$svc/target/quarkus-app/quarkus-run.jar"
  wait_http "http://127.0.0.1:$port/q/health/live" "$name" 120
}

rss_mb() { awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$1/status"; }

# bench_services [service ...]: the JDK, PostgreSQL and Kafka up, and the services named (default: all five) packaged;
# sets the array `targets` to them (the per-service benchmarks: service-startup.sh, service-stop.sh)
bench_services() {
  select_jdk
  "$ROOT/dev/postgres.sh" start >/dev/null
  "$ROOT/dev/kafka.sh" start >/dev/null
  targets=("$@")
  [ ${#targets[@]} -eq 0 ] && targets=("${SERVICES[@]}")
  ensure_packaged "${targets[@]}"
}
