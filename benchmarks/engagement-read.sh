#!/usr/bin/env bash
# Authenticated GET /engagements/{id} on provisioning-service (packaged jar, side port), with a real Keycloak
# bearer token, loaded by wrk over loopback. Target (architecture §6): ≥ 8,500 req/s, p99 ≤ 16 ms; anchor: a reactive
# PostgreSQL lookup without auth, 17,100 req/s, p99 8.2 ms, on this kind of machine.
# Usage: benchmarks/engagement-read.sh [seconds] [connections]      (defaults 20 and 64)
source "$(dirname "$0")/lib.sh"
DURATION="${1:-20}"
CONNECTIONS="${2:-64}"
PORT=18381

select_jdk
ensure_debs wrk
"$ROOT/dev/postgres.sh" start >/dev/null
"$ROOT/dev/kafka.sh" start >/dev/null
"$ROOT/dev/keycloak.sh" start >/dev/null
ensure_packaged provisioning-service
trap 'stop_pid bench-read 10' EXIT
start_service bench-read provisioning-service "$PORT" \
  -Dmp.messaging.incoming.engagement-events-in.group.id=provisioning-service-bench
wait_http "http://127.0.0.1:$PORT/q/health/ready" bench-read 60

token="$(dev_token engineer)"
id="$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"clientId":"bench-read","clientName":"Bench Read"}' "http://127.0.0.1:$PORT/engagements" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
url="http://127.0.0.1:$PORT/engagements/$id"
curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$url"

log "warm-up 5 s, then ${DURATION}s with $CONNECTIONS connections on 2 threads"
wrk -t2 -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $token" "$url" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $token" "$url" | tee "$RESULTS/engagement-read.txt"
rps="$(awk '/Requests\/sec/ {print $2}' "$RESULTS/engagement-read.txt")"
p99="$(awk '$1 == "99%" {print $2}' "$RESULTS/engagement-read.txt")"
non2xx="$(awk '/Non-2xx/ {print $NF}' "$RESULTS/engagement-read.txt")"
echo "authenticated GET /engagements/{id}: ${rps} req/s, p99 ${p99}, non-2xx ${non2xx:-0} (target ≥ 8,500 req/s, p99 ≤ 16 ms; anchor 17,100 req/s without auth)"
echo "service RSS after the run: $(rss_mb "$(cat "$RUN/bench-read.pid")") MB"
