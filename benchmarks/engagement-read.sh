#!/usr/bin/env bash
# Authenticated GET /engagements/{id} on provisioning-service (packaged jar, side port), with a real Keycloak
# bearer token, loaded by wrk over loopback. Target (architecture §6): ≥ 8,500 req/s, p99 ≤ 16 ms; anchor: a reactive
# PostgreSQL lookup without auth, 17,100 req/s, p99 8.2 ms, on this kind of machine.
# The same jar is measured in turn with each variant of VARIANTS (name=JVM options, space-separated; default: bearer
# tokens verified on every request, then verified once and kept until they expire, ADR 0067), so before and after
# come from one run on one machine state. BENCH_JAVA_OPTS adds options to every variant.
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
summary=()
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
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $token" "$url" | tee "$out"
  rps="$(awk '/Requests\/sec/ {print $2}' "$out")"
  p99="$(awk '$1 == "99%" {print $2}' "$out")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' "$out")"
  # how many requests the verified-token cache answered (ADR 0067), from the service's own metric
  kept="$(curl -fsS "http://127.0.0.1:$PORT/q/metrics" 2>/dev/null |
    awk -F' ' '/^lobsterops_verified_tokens_total\{.*outcome="hit"/ {printf "%d", $NF}')"
  summary+=("$(printf '%-24s %10s req/s   p99 %8s   non-2xx %-6s RSS after %s MB   tokens kept %-8s (load %s)' "$name" \
    "$rps" "$p99" "${non2xx:-0}" "$(rss_mb "$(cat "$RUN/bench-read.pid")")" "${kept:-0}" "$(cut -d' ' -f1 /proc/loadavg)")")
  stop_pid bench-read 10
done
echo
echo "authenticated GET /engagements/{id} (target ≥ 8,500 req/s, p99 ≤ 16 ms; anchor 17,100 req/s without auth):"
printf '  %s\n' "${summary[@]}"
