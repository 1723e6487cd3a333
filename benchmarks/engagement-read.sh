#!/usr/bin/env bash
# Authenticated GET /engagements/{id} on provisioning-service (packaged jar, side port), with a real Keycloak
# bearer token, loaded by wrk over loopback. Target (architecture §6): ≥ 8,500 req/s, p99 ≤ 16 ms; anchor: a reactive
# PostgreSQL lookup without auth, 17,100 req/s, p99 8.2 ms, on this kind of machine.
# The same jar is measured in turn with each variant of VARIANTS (name=JVM options, space-separated; default: bearer
# tokens verified on every request, then verified once and kept until they expire, ADR 0067), so before and after
# come from one run on one machine state. BENCH_JAVA_OPTS adds options to every variant.
# Each measured run also says where the two cores went (the service's JVM, wrk, the rest: PostgreSQL, the kernel),
# from /proc. Then, with the last variant's JVM still warm, the ceiling of this machine for any request to the
# service: GET /q/health/live (no token, no database, no JSON to speak of) by the same wrk (CEILING=0 skips it).
# PROFILE=1 records the last variant's measured run with JFR (results/engagement-read.jfr) and prints where its
# samples went by library (support/jfr_breakdown.py).
# Usage: benchmarks/engagement-read.sh [seconds] [connections]      (defaults 20 and 64; WARMUP=20 seconds before each)
source "$(dirname "$0")/lib.sh"
DURATION="${1:-20}"
CONNECTIONS="${2:-64}"
PORT=18381
WARMUP="${WARMUP:-20}"   # seconds of load before the measured run, for the JIT
VARIANTS="${VARIANTS:-verify-every-request=-Dlobsterops.security.token-cache.enabled=false tokens-kept=-Dlobsterops.security.token-cache.enabled=true}"

select_jdk
ensure_debs wrk
"$ROOT/dev/postgres.sh" start >/dev/null
"$ROOT/dev/kafka.sh" start >/dev/null
"$ROOT/dev/keycloak.sh" start >/dev/null
ensure_packaged provisioning-service
trap 'stop_pid bench-read 10' EXIT
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }             # a process's CPU time so far, in clock ticks
total() { awk '/^cpu / {print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }   # all cores', idle included
measure() {   # measure OUT URL [header]: wrk's measured run into OUT; prints "java% wrk% rest%" of the two cores
  local out="$1" url="$2" pid java0 total0 idle0 wrk_cpu
  shift 2
  pid="$(cat "$RUN/bench-read.pid")"
  java0="$(ticks "$pid")"; total0="$(total)"; idle0="$(awk '/^cpu / {print $5 + $6}' /proc/stat)"
  # bash's time keyword gives wrk's own CPU (user + system seconds)
  wrk_cpu="$( { TIMEFORMAT='%U %S'; time wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url" > "$out"; } 2>&1 )"
  awk -v j="$(( $(ticks "$pid") - java0 ))" -v b="$(( $(total) - total0 ))" -v w="$wrk_cpu" -v hz="$(getconf CLK_TCK)" \
    -v i="$(( $(awk '/^cpu / {print $5 + $6}' /proc/stat) - idle0 ))" 'BEGIN { split(w, t, " ");
      wt = (t[1] + t[2]) * hz; printf "%.0f%% %.0f%% %.0f%% %.0f%%", 100 * j / b, 100 * wt / b, 100 * (b - j - wt - i) / b, 100 * i / b }'
}
summary=()
last="${VARIANTS##* }"
for variant in $VARIANTS; do
  name="${variant%%=*}"
  opts="${variant#*=}"
  # shellcheck disable=SC2086 # the variant's and BENCH_JAVA_OPTS' options are words on purpose
  start_service bench-read provisioning-service "$PORT" ${opts//,/ } ${BENCH_JAVA_OPTS:-} \
    -Dmp.messaging.incoming.engagement-events-in.group.id=provisioning-service-bench
  wait_http "http://127.0.0.1:$PORT/q/health/ready" bench-read 60

  token="$(dev_token engineer)"
  id="$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"clientId":"bench-read","clientName":"Bench Read"}' "http://127.0.0.1:$PORT/engagements" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
  url="http://127.0.0.1:$PORT/engagements/$id"
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$url"

  log "$name: warm-up ${WARMUP}s, then ${DURATION}s with $CONNECTIONS connections on 2 threads (load average $(cut -d' ' -f1 /proc/loadavg))"
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $token" "$url" >/dev/null
  out="$RESULTS/engagement-read-$name.txt"
  profiling=0
  if [ "${PROFILE:-0}" = 1 ] && [ "$variant" = "$last" ]; then
    profiling=1
    "$JAVA_HOME/bin/jcmd" "$(cat "$RUN/bench-read.pid")" JFR.start name=read settings=profile >/dev/null
  fi
  cpu="$(measure "$out" "$url" -H "Authorization: Bearer $token")"
  cat "$out"
  if [ "$profiling" = 1 ]; then
    "$JAVA_HOME/bin/jcmd" "$(cat "$RUN/bench-read.pid")" JFR.stop name=read filename="$RESULTS/engagement-read.jfr" >/dev/null
    "$JAVA_HOME/bin/jfr" print --stack-depth 96 --events jdk.ExecutionSample "$RESULTS/engagement-read.jfr" \
      > "$RESULTS/engagement-read-samples.txt"
    log "$name: where the service's CPU samples went"
    python3 "$ROOT/benchmarks/support/jfr_breakdown.py" "$RESULTS/engagement-read-samples.txt" \
      | tee "$RESULTS/engagement-read-profile.txt"
  fi
  rps="$(awk '/Requests\/sec/ {print $2}' "$out")"
  p99="$(awk '$1 == "99%" {print $2}' "$out")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' "$out")"
  # how many requests the verified-token cache answered (ADR 0067), from the service's own metric
  kept="$(curl -fsS "http://127.0.0.1:$PORT/q/metrics" 2>/dev/null |
    awk -F' ' '/^lobsterops_verified_tokens_total\{.*outcome="hit"/ {printf "%d", $NF}')"
  read -r java_cpu wrk_cpu rest_cpu idle_cpu <<<"$cpu"
  summary+=("$(printf '%-24s %10s req/s   p99 %8s   non-2xx %-6s RSS after %s MB   tokens kept %-8s CPU: service %4s, wrk %4s, rest %4s, idle %4s (load %s)' \
    "$name" "$rps" "$p99" "${non2xx:-0}" "$(rss_mb "$(cat "$RUN/bench-read.pid")")" "${kept:-0}" "$java_cpu" "$wrk_cpu" \
    "$rest_cpu" "$idle_cpu" "$(cut -d' ' -f1 /proc/loadavg)")")
  if [ "$variant" = "$last" ] && [ "${CEILING:-1}" = 1 ]; then
    live="http://127.0.0.1:$PORT/q/health/live"
    wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "$live" >/dev/null
    cpu="$(measure "$RESULTS/engagement-read-ceiling.txt" "$live")"
    read -r java_cpu wrk_cpu rest_cpu idle_cpu <<<"$cpu"
    summary+=("$(printf '%-24s %10s req/s   p99 %8s   (GET /q/health/live: no token, no database)           CPU: service %4s, wrk %4s, rest %4s, idle %4s' \
      "ceiling, $name" "$(awk '/Requests\/sec/ {print $2}' "$RESULTS/engagement-read-ceiling.txt")" \
      "$(awk '$1 == "99%" {print $2}' "$RESULTS/engagement-read-ceiling.txt")" "$java_cpu" "$wrk_cpu" "$rest_cpu" "$idle_cpu")")
  fi
  stop_pid bench-read 10
done
echo
echo "authenticated GET /engagements/{id} (target ≥ 8,500 req/s, p99 ≤ 16 ms; anchor 17,100 req/s without auth);"
echo "CPU: shares of the machine's two cores during the measured run (rest: PostgreSQL, the kernel, anything else):"
printf '  %s\n' "${summary[@]}"
