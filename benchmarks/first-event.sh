#!/usr/bin/env bash
# The first engagement opened right after a consumer starts: how long until it has reached the service's views.
#
# For each consumer of engagement.opened (agent-config, monitoring, notification, billing; or the services named),
# each run starts the packaged service on a side port as dev/up starts it (its jvm.env settings and its AOT cache when
# one is fresh, ADR 0075) with a topic and a consumer group of its own (new each run: a real first join of the group,
# nothing old to read), and a publisher started before it (support/FirstEventBench.java) that polls
# /q/health/ready every 10 ms and, the moment it answers, publishes one engagement.opened, watches the service's
# database for the event's processed_event row (committed in the same transaction as the event's effect: the
# repository in agent-config, the monitored engagement, the notices, the billing account), then publishes a second
# one GAP ms after the first was seen. Each figure runs from the record's timestamp (the producer's clock, this
# machine) to that row. Also printed, from the service's log: when the Kafka consumers had their partitions (the
# consumer coordinator's log line) against readiness. agent-config's repositories go to benchmarks/results/.
# BENCH_JAVA_OPTS adds JVM options to the service; AGENT_CONFIG_APP runs another build's agent-config quarkus-app.
#
# Usage: benchmarks/first-event.sh [runs] [gap-ms] [service ...]     (defaults 3, 3000 and the four consumers)
# Target: an engagement opened right after start reaches every view within 2 s (later ones well under 1 s).
source "$(dirname "$0")/lib.sh"
RUNS="${1:-3}"
GAP="${2:-3000}"
shift $(( $# < 2 ? $# : 2 ))
CONSUMERS=("$@")
[ ${#CONSUMERS[@]} -gt 0 ] || CONSUMERS=(agent-config-service monitoring-service notification-service billing-service)
PORT=18382
NAME=bench-first-event
KAFKA_LIBS="$TOOLS/kafka-$KAFKA_VERSION/libs"
GIT_ROOT="$RESULTS/first-event-git"

select_jdk
"$ROOT/dev/postgres.sh" start >/dev/null
"$ROOT/dev/kafka.sh" start >/dev/null
for svc in "${CONSUMERS[@]}"; do
  [ "$svc" = agent-config-service ] && [ -n "${AGENT_CONFIG_APP:-}" ] || ensure_packaged "$svc"
done
trap 'stop_pid $NAME 10' EXIT
topics() { java -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 "$@"; }
log_millis() {   # log_millis HH:MM:SS.mmm: today's epoch milliseconds of a log time stamp
  date -d "$(date +%F) $1" +%s%3N
}
database_of() { local db="${1%-service}"; echo "${db//-/}"; }   # agent-config-service -> agentconfig
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

summary=()
for svc in "${CONSUMERS[@]}"; do
  app="$BUILD/$svc/target/quarkus-app"
  [ "$svc" = agent-config-service ] && app="${AGENT_CONFIG_APP:-$app}"
  jdbc_jar="$(ls "$app"/lib/main/org.postgresql.postgresql-*.jar | head -1)"
  firsts=(); seconds=(); readies=()
  for ((run = 1; run <= RUNS; run++)); do
    stamp="$(date +%s%N)"
    topic="engagement-events-bench-first-$stamp"
    group="$svc-bench-first-$stamp"
    a="bench-first-${stamp: -9}-a"; b="bench-first-${stamp: -9}-b"
    topics --create --topic "$topic" --partitions 3 --replication-factor 1 >/dev/null
    out="$RESULTS/first-event-$svc-$run.txt"
    java -Duser="$PG_USER" -Dpassword="$PG_PASSWORD" -cp "$KAFKA_LIBS/*:$jdbc_jar" \
      "$ROOT/benchmarks/support/FirstEventBench.java" 127.0.0.1:9092 "$topic" \
      "http://127.0.0.1:$PORT/q/health/ready" "$GAP" "jdbc:postgresql://127.0.0.1:5432/$(database_of "$svc")" "$a" "$b" \
      > "$out" 2>"$RESULTS/first-event-$svc-$run.err" &
    publisher=$!
    sleep 2   # the publisher's JVM compiles and connects first: readiness is what it waits for, not its own start
    begin="$(date +%s%3N)"
    # shellcheck disable=SC2046 # the service's own JVM settings and AOT cache options are words, as dev/up starts it
    start_bg "$NAME" java $(service_jvm_options "$svc") $(aot_cache_options "$app") -Dquarkus.http.port="$PORT" \
      -Dquarkus.oidc.tenant-enabled=false -Dlobsterops.git.root="$GIT_ROOT" \
      -Dmp.messaging.incoming.engagement-events-in.topic="$topic" \
      -Dmp.messaging.incoming.engagement-events-in.group.id="$group" \
      -Dquarkus.log.category.\"org.apache.kafka.clients.consumer.internals.ConsumerRebalanceListenerInvoker\".level=INFO \
      -Dquarkus.log.category.\"org.apache.kafka.clients.consumer.internals.ConsumerCoordinator\".level=INFO \
      ${BENCH_JAVA_OPTS:-} -jar "$app/quarkus-run.jar"
    wait "$publisher" || die "$svc: the publisher failed: $(cat "$RESULTS/first-event-$svc-$run.err")" \
      "(service log: $LOGS/$NAME.log)"
    ready="$(awk '/^ready/ {print $2}' "$out")"
    first="$(awk -v c="$a" '$1 == "seen" && $2 == c {print $3}' "$out")"
    second="$(awk -v c="$b" '$1 == "seen" && $2 == c {print $3}' "$out")"
    assigned="$(grep -m1 -E 'Adding newly assigned partitions|Assigned partitions|partitions assigned' "$LOGS/$NAME.log" \
      | awk '{print $1}')"
    assigned_after="n/a"
    [ -n "$assigned" ] && assigned_after="$(( $(log_millis "$assigned") - ready )) ms"
    printf '%-22s run %d: ready %5d ms after start; first event %5d ms, second %4d ms; partitions assigned %s after ready\n' \
      "$svc" "$run" "$((ready - begin))" "$first" "$second" "$assigned_after"
    firsts+=("$first"); seconds+=("$second"); readies+=("$((ready - begin))")
    cp "$LOGS/$NAME.log" "$RESULTS/first-event-$svc-$run.log"
    stop_pid "$NAME" 10
    topics --delete --topic "$topic" >/dev/null 2>&1 || true
  done
  summary+=("$(printf '%-22s ready %5d ms; first engagement.opened taken in %5d ms, the next one %4d ms' "$svc" \
    "$(median "${readies[@]}")" "$(median "${firsts[@]}")" "$(median "${seconds[@]}")")")
done
echo
echo "medians of $RUNS runs (target: the first < 2000 ms after readiness; load $(cut -d' ' -f1 /proc/loadavg)):"
printf '  %s\n' "${summary[@]}"
