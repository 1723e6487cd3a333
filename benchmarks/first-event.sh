#!/usr/bin/env bash
# The first engagement opened right after a service starts: how long until it is in that service's view.
#
# Each run starts one packaged service (its own JVM settings, k8s/base/services/jvm.env) on a side port with a topic
# and a consumer group of its own (new each run: a real first join of the group, nothing old to read), and a
# publisher started before it (support/FirstEventBench.java) that polls /q/health/ready every 10 ms and, the moment it
# answers, publishes one engagement.opened, then a second one GAP ms later. Each figure is from the record's timestamp
# (the producer's clock, this machine) to the event taking effect: for agent-config the write of the new repository's
# refs/heads/main (its mtime, the last step before its transaction commits); for billing, monitoring and notification
# the event's processed_event.processed_at (the start of the consumer's transaction that records the engagement,
# PostgreSQL's clock, same machine). Also printed, from the service's log: when the Kafka consumers had their
# partitions (the consumer coordinator's log line) against readiness. Repositories go to benchmarks/results/.
# BENCH_JAVA_OPTS adds JVM options to the service, AGENT_CONFIG_APP runs another build's agent-config quarkus-app.
#
# Usage: benchmarks/first-event.sh [runs] [gap-ms] [service...]
#        (defaults 3, 3000 and the four services that consume engagement.opened)
# Target: an engagement opened right after start reaches every view within 2 s (later ones well under 1 s).
source "$(dirname "$0")/lib.sh"
RUNS="${1:-3}"
GAP="${2:-3000}"
SERVICES=("${@:3}")
[ "${#SERVICES[@]}" -gt 0 ] || SERVICES=(agent-config-service billing-service monitoring-service notification-service)
PORT=18382
NAME=bench-first-event
KAFKA_LIBS="$TOOLS/kafka-$KAFKA_VERSION/libs"
GIT_ROOT="$RESULTS/first-event-git"

select_jdk
"$ROOT/dev/postgres.sh" start >/dev/null
"$ROOT/dev/kafka.sh" start >/dev/null
for svc in "${SERVICES[@]}"; do
  [ "$svc" = agent-config-service ] && [ -n "${AGENT_CONFIG_APP:-}" ] || ensure_packaged "$svc"
done
trap 'stop_pid $NAME 10' EXIT
topics() { java -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 "$@"; }
millis_of() { local s; s="$(stat -c '%.3Y' "$1")"; echo "${s/./}"; }   # mtime in epoch milliseconds
wait_file() { local i; for ((i = 0; i < 3000; i++)); do [ -f "$1" ] && return 0; sleep 0.02; done; return 1; }
log_millis() {   # log_millis HH:MM:SS.mmm: today's epoch milliseconds of a log time stamp
  date -d "$(date +%F) $1" +%s%3N
}
database_of() {   # the database a service keeps its processed events in
  case "$1" in billing-service) echo billing ;; monitoring-service) echo monitoring ;;
    notification-service) echo notification ;; *) die "no database known for $1" ;; esac
}
effect_millis() {   # effect_millis SERVICE CLIENT EVENT-ID: epoch ms the event took effect in SERVICE (waits for it)
  local i at
  if [ "$1" = agent-config-service ]; then
    wait_file "$GIT_ROOT/$2.git/refs/heads/main" || die "no repository for $2 (see $LOGS/$NAME.log)"
    millis_of "$GIT_ROOT/$2.git/refs/heads/main"
    return
  fi
  for ((i = 0; i < 600; i++)); do
    at="$(psql_db "$(database_of "$1")" -c "select (extract(epoch from processed_at) * 1000)::bigint
      from processed_event where event_id = '$3'")"
    [ -n "$at" ] && { echo "$at"; return; }
    sleep 0.05
  done
  die "$1 did not process event $3 for $2 within 30 s (see $LOGS/$NAME.log)"
}

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
for svc in "${SERVICES[@]}"; do
app="$ROOT/$svc/target/quarkus-app"
[ "$svc" = agent-config-service ] && app="${AGENT_CONFIG_APP:-$app}"   # another build to compare with
own=()   # what only agent-config knows: where its repositories go
[ "$svc" = agent-config-service ] && own=(-Dlobsterops.git.root="$GIT_ROOT")
firsts=(); seconds=(); readies=()
for ((run = 1; run <= RUNS; run++)); do
  stamp="$(date +%s%N)"
  topic="engagement-events-bench-first-$stamp"
  group="$svc-bench-first-$stamp"
  a="bench-first-${stamp: -9}-a"; b="bench-first-${stamp: -9}-b"
  topics --create --topic "$topic" --partitions 3 --replication-factor 1 >/dev/null
  out="$RESULTS/first-event-$svc-$run.txt"
  java -cp "$KAFKA_LIBS/*" "$ROOT/benchmarks/support/FirstEventBench.java" 127.0.0.1:9092 "$topic" \
    "http://127.0.0.1:$PORT/q/health/ready" "$GAP" "$a" "$b" > "$out" 2>"$RESULTS/first-event-$run.err" &
  publisher=$!
  sleep 2   # the publisher's JVM compiles and connects first: readiness is what it waits for, not its own start
  begin="$(date +%s%3N)"
  # shellcheck disable=SC2046 # the service's own JVM settings (k8s/base/services/jvm.env, ADR 0068) are words
  start_bg "$NAME" java $(service_jvm_options "$svc") -Dquarkus.http.port="$PORT" -Dquarkus.oidc.tenant-enabled=false \
    "${own[@]}" \
    -Dmp.messaging.incoming.engagement-events-in.topic="$topic" \
    -Dmp.messaging.incoming.engagement-events-in.group.id="$group" \
    -Dquarkus.log.category.\"org.apache.kafka.clients.consumer.internals.ConsumerRebalanceListenerInvoker\".level=INFO \
    -Dquarkus.log.category.\"org.apache.kafka.clients.consumer.internals.ConsumerCoordinator\".level=INFO \
    ${BENCH_JAVA_OPTS:-} -jar "$app/quarkus-run.jar"
  wait "$publisher" || die "the publisher failed: $(cat "$RESULTS/first-event-$run.err")"
  ready="$(awk '/^ready/ {print $2}' "$out")"
  read -r sent_a event_a < <(awk -v c="$a" '$1 == "sent" && $2 == c {print $4, $5}' "$out")
  read -r sent_b event_b < <(awk -v c="$b" '$1 == "sent" && $2 == c {print $4, $5}' "$out")
  first=$(( $(effect_millis "$svc" "$a" "$event_a") - sent_a ))
  second=$(( $(effect_millis "$svc" "$b" "$event_b") - sent_b ))
  assigned="$(grep -m1 -E 'Adding newly assigned partitions|Assigned partitions|partitions assigned' "$LOGS/$NAME.log" \
    | awk '{print $1}')"
  assigned_after="n/a"
  [ -n "$assigned" ] && assigned_after="$(( $(log_millis "$assigned") - ready )) ms"
  printf '%s run %d: ready %5d ms after start; first event %5d ms, second %4d ms; partitions assigned %s after ready\n' \
    "$svc" "$run" "$((ready - begin))" "$first" "$second" "$assigned_after"
  firsts+=("$first"); seconds+=("$second"); readies+=("$((ready - begin))")
  cp "$LOGS/$NAME.log" "$RESULTS/first-event-$svc-$run.log"
  stop_pid "$NAME" 10
  topics --delete --topic "$topic" >/dev/null 2>&1 || true
done
printf '%s, median of %d: ready %d ms; first engagement.opened -> in its view %d ms (target < 2000), the next one %d ms\n' \
  "$svc" "$RUNS" "$(median "${readies[@]}")" "$(median "${firsts[@]}")" "$(median "${seconds[@]}")"
done
