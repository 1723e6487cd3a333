#!/usr/bin/env bash
# Each service (JVM mode, packaged jar): time from process start to /q/health/ready = 200, and resident memory
# after 15 s idle. Target (architecture §6): ready < 4 s, idle RSS < 200 MB; anchor: bare Quarkus 1.5 s / ~100 MB.
# Needs PostgreSQL and Kafka (started here if missing); OIDC is not needed for readiness.
# VARIANTS compares JVM settings in one run: name=options pairs, space-separated, options comma-separated; the word JVM
# stands for the service's own settings from k8s/base/services/jvm.env (the one place dev/up and the Deployments read,
# ADR 0068). Default: the JVM's defaults, then the service's own settings.
# CLASSES=1 also logs every class the measured start loads and prints them by family (support/class_families.py):
# what the class metadata is made of. The log slows the start a little, so take the times from a run without it.
# Usage: benchmarks/service-startup.sh [service ...]      (default: all five)
source "$(dirname "$0")/lib.sh"
bench_services "$@"
# The word AOT adds the service's JDK AOT cache (ADR 0075): trained first, once per service in a run (a start with the
# variant's other options and -XX:AOTCacheOutput, until ready, then stopped), then used.
VARIANTS="${VARIANTS:-jvm-defaults=-Dlobsterops.bench=defaults own-settings=JVM own-settings+aot=JVM,AOT}"

port=18280
for svc in "${targets[@]}"; do
  for variant in $VARIANTS; do
    port=$((port + 1))
    label="${variant%%=*}"
    opts=()
    IFS=, read -r -a words <<<"${variant#*=}"
    aot=0
    for word in "${words[@]}"; do
      case "$word" in
        JVM) read -r -a own <<<"$(service_jvm_options "$svc")"; opts+=("${own[@]}") ;;
        AOT) aot=1 ;;
        *) opts+=("$word") ;;
      esac
    done
    name="startup-$svc"
    app="$BUILD/$svc/target/quarkus-app"
    common=(-Dquarkus.http.port="$port" -Dquarkus.oidc.tenant-enabled=false
      -Dmp.messaging.incoming.engagement-events-in.group.id="$svc-startup-bench")
    if [ "$aot" -eq 1 ]; then
      train_begin=$(date +%s%N)
      aot_record_start "startup-aot-$svc" "$app" "${opts[@]}" "${common[@]}"
      aot_record_finish "startup-aot-$svc" "$app" "http://127.0.0.1:$port" || die "$svc: the AOT cache was not trained"
      printf '%-22s %-14s trained the AOT cache in %s ms (%s MB)\n' "$svc" "$label" \
        "$(( ($(date +%s%N) - train_begin) / 1000000 ))" "$(( $(stat -c %s "$app/app.aot") / 1048576 ))"
      opts+=("-XX:AOTCache=$app/app.aot")
    fi
    classes="$RESULTS/classes-$svc-$label.log"
    if [ "${CLASSES:-0}" = 1 ]; then rm -f "$classes"; opts+=("-Xlog:class+load=info:file=$classes"); fi
    begin=$(date +%s%N)
    start_bg "$name" java "${opts[@]}" "${common[@]}" -jar "$app/quarkus-run.jar"
    ready=""
    for ((i = 0; i < 2400; i++)); do
      if curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; then
        ready=$(( ($(date +%s%N) - begin) / 1000000 )); break
      fi
      sleep 0.05
    done
    sleep 15
    pid="$(cat "$RUN/$name.pid")"
    printf '%-22s %-14s ready %6s ms   idle RSS %4s MB   load %s   (target < 4000 ms, < 200 MB)   %s\n' "$svc" "$label" \
      "${ready:-timeout}" "$(rss_mb "$pid")" "$(cut -d' ' -f1 /proc/loadavg)" "${opts[*]}"
    stop_pid "$name" 10
    if [ "${CLASSES:-0}" = 1 ]; then python3 "$ROOT/benchmarks/support/class_families.py" "$classes"; fi
  done
done
