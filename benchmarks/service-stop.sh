#!/usr/bin/env bash
# Each service (JVM mode, packaged jar, its own jvm.env settings): time from SIGTERM to the process's exit, after it
# started, reported ready and idled 5 s. A stop is paid by `dev/down`, `dev/up --restart`, every rolling update,
# every AOT cache training (ADR 0075) and every test run that stops a service.
# VARIANTS compares settings in one run (name=options pairs, space-separated, options comma-separated); default: the
# connector's default poll timeout (1 s) against the kit's (100 ms, ADR 0076). RUNS stops each variant that often.
# Usage: benchmarks/service-stop.sh [service ...]      (default: all five)
source "$(dirname "$0")/lib.sh"
bench_services "$@"
VARIANTS="${VARIANTS:-poll-1s=-Dmp.messaging.incoming.engagement-events-in.poll-timeout=1000 kit-settings=-Dlobsterops.bench=kit}"
RUNS="${RUNS:-2}"
PORT=18397
NAME=bench-stop
trap 'stop_pid $NAME 10' EXIT
for svc in "${targets[@]}"; do
  for variant in $VARIANTS; do
    label="${variant%%=*}"
    IFS=, read -r -a opts <<<"${variant#*=}"
    times=()
    for ((run = 1; run <= RUNS; run++)); do
      start_service "$NAME" "$svc" "$PORT" -Dquarkus.oidc.tenant-enabled=false \
        -Dmp.messaging.incoming.engagement-events-in.group.id="$svc-stop-bench-$(date +%s%N)" "${opts[@]}"
      wait_http "http://127.0.0.1:$PORT/q/health/ready" "$NAME" 120
      sleep 5
      pid="$(cat "$RUN/$NAME.pid")"
      begin="$(date +%s%3N)"
      kill -TERM "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.02; done
      times+=("$(( $(date +%s%3N) - begin ))")
      rm -f "$RUN/$NAME.pid"
    done
    printf '%-22s %-14s stopped in %s ms   (load %s)\n' "$svc" "$label" "${times[*]}" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
