#!/usr/bin/env bash
# Each service (JVM mode, packaged jar): time from process start to /q/health/ready = 200, and resident memory
# after 15 s idle. Target (architecture §6): ready < 4 s, idle RSS < 200 MB; anchor: bare Quarkus 1.5 s / ~100 MB.
# Needs PostgreSQL and Kafka (started here if missing); OIDC is not needed for readiness.
# Usage: benchmarks/service-startup.sh [service ...]      (default: all five)
source "$(dirname "$0")/lib.sh"
select_jdk
"$ROOT/dev/postgres.sh" start >/dev/null
"$ROOT/dev/kafka.sh" start >/dev/null
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${SERVICES[@]}")
ensure_packaged "${targets[@]}"

port=18280
for svc in "${targets[@]}"; do
  port=$((port + 1))
  name="startup-$svc"
  begin=$(date +%s%N)
  start_bg "$name" java -Dquarkus.http.port="$port" -Dquarkus.oidc.tenant-enabled=false \
    -Dmp.messaging.incoming.engagement-events-in.group.id="$svc-startup-bench" \
    -jar "$ROOT/$svc/target/quarkus-app/quarkus-run.jar"
  ready=""
  for ((i = 0; i < 1200; i++)); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; then
      ready=$(( ($(date +%s%N) - begin) / 1000000 )); break
    fi
    sleep 0.05
  done
  sleep 15
  pid="$(cat "$RUN/$name.pid")"
  printf '%-22s ready %6s ms   idle RSS %4s MB   (target < 4000 ms, < 200 MB)\n' "$svc" "${ready:-timeout}" "$(rss_mb "$pid")"
  stop_pid "$name" 10
done
