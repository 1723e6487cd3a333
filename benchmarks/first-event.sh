#!/usr/bin/env bash
# The first engagement opened right after agent-config-service starts: how long until its repository exists.
#
# Each run starts the packaged agent-config-service on a side port with a topic and a consumer group of its own (new
# each run: a real first join of the group, nothing old to read), and a publisher started before it
# (support/FirstEventBench.java) that polls /q/health/ready every 10 ms and, the moment it answers, publishes one
# engagement.opened, then a second one GAP ms later. Each figure is from the record's timestamp (the producer's
# clock, this machine) to the write of the new repository's refs/heads/main (its mtime), the service's last step
# before its transaction commits. Also printed, from the service's log: when the Kafka consumers had their
# partitions (the consumer coordinator's log line) against readiness. Repositories go to benchmarks/results/.
# BENCH_JAVA_OPTS adds JVM options to the service, AGENT_CONFIG_APP runs another build's quarkus-app (to compare).
#
# Usage: benchmarks/first-event.sh [runs] [gap-ms]       (defaults 3 and 3000)
# Target: an engagement opened right after start reaches agent-config within 2 s (later ones well under 1 s).
source "$(dirname "$0")/lib.sh"
RUNS="${1:-3}"
GAP="${2:-3000}"
PORT=18382
NAME=bench-first-event
KAFKA_LIBS="$TOOLS/kafka-$KAFKA_VERSION/libs"
GIT_ROOT="$RESULTS/first-event-git"
APP="${AGENT_CONFIG_APP:-$ROOT/agent-config-service/target/quarkus-app}"   # another build to compare with

select_jdk
"$ROOT/dev/postgres.sh" start >/dev/null
"$ROOT/dev/kafka.sh" start >/dev/null
[ -n "${AGENT_CONFIG_APP:-}" ] || ensure_packaged agent-config-service
trap 'stop_pid $NAME 10' EXIT
topics() { java -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 "$@"; }
millis_of() { local s; s="$(stat -c '%.3Y' "$1")"; echo "${s/./}"; }   # mtime in epoch milliseconds
wait_file() { local i; for ((i = 0; i < 3000; i++)); do [ -f "$1" ] && return 0; sleep 0.02; done; return 1; }
log_millis() {   # log_millis HH:MM:SS.mmm: today's epoch milliseconds of a log time stamp
  date -d "$(date +%F) $1" +%s%3N
}

firsts=(); seconds=(); readies=()
for ((run = 1; run <= RUNS; run++)); do
  stamp="$(date +%s%N)"
  topic="engagement-events-bench-first-$stamp"
  group="agent-config-service-bench-first-$stamp"
  a="bench-first-${stamp: -9}-a"; b="bench-first-${stamp: -9}-b"
  topics --create --topic "$topic" --partitions 3 --replication-factor 1 >/dev/null
  out="$RESULTS/first-event-$run.txt"
  java -cp "$KAFKA_LIBS/*" "$ROOT/benchmarks/support/FirstEventBench.java" 127.0.0.1:9092 "$topic" \
    "http://127.0.0.1:$PORT/q/health/ready" "$GAP" "$a" "$b" > "$out" 2>"$RESULTS/first-event-$run.err" &
  publisher=$!
  sleep 2   # the publisher's JVM compiles and connects first: readiness is what it waits for, not its own start
  begin="$(date +%s%3N)"
  start_bg "$NAME" java -Xms64m -Xmx512m -Dquarkus.http.port="$PORT" -Dquarkus.oidc.tenant-enabled=false \
    -Dlobsterops.git.root="$GIT_ROOT" \
    -Dmp.messaging.incoming.engagement-events-in.topic="$topic" \
    -Dmp.messaging.incoming.engagement-events-in.group.id="$group" \
    -Dquarkus.log.category.\"org.apache.kafka.clients.consumer.internals.ConsumerRebalanceListenerInvoker\".level=INFO \
    -Dquarkus.log.category.\"org.apache.kafka.clients.consumer.internals.ConsumerCoordinator\".level=INFO \
    ${BENCH_JAVA_OPTS:-} -jar "$APP/quarkus-run.jar"
  wait "$publisher" || die "the publisher failed: $(cat "$RESULTS/first-event-$run.err")"
  ready="$(awk '/^ready/ {print $2}' "$out")"
  sent_a="$(awk -v c="$a" '$1 == "sent" && $2 == c {print $4}' "$out")"
  sent_b="$(awk -v c="$b" '$1 == "sent" && $2 == c {print $4}' "$out")"
  wait_file "$GIT_ROOT/$a.git/refs/heads/main" || die "no repository for $a (see $LOGS/$NAME.log)"
  wait_file "$GIT_ROOT/$b.git/refs/heads/main" || die "no repository for $b (see $LOGS/$NAME.log)"
  first=$(( $(millis_of "$GIT_ROOT/$a.git/refs/heads/main") - sent_a ))
  second=$(( $(millis_of "$GIT_ROOT/$b.git/refs/heads/main") - sent_b ))
  assigned="$(grep -m1 -E 'Adding newly assigned partitions|Assigned partitions|partitions assigned' "$LOGS/$NAME.log" \
    | awk '{print $1}')"
  assigned_after="n/a"
  [ -n "$assigned" ] && assigned_after="$(( $(log_millis "$assigned") - ready )) ms"
  printf 'run %d: ready %5d ms after start; first event %5d ms, second %4d ms; partitions assigned %s after ready\n' \
    "$run" "$((ready - begin))" "$first" "$second" "$assigned_after"
  firsts+=("$first"); seconds+=("$second"); readies+=("$((ready - begin))")
  cp "$LOGS/$NAME.log" "$RESULTS/first-event-$run.log"
  stop_pid "$NAME" 10
  topics --delete --topic "$topic" >/dev/null 2>&1 || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
printf 'median of %d: ready %d ms; first engagement.opened -> repository %d ms (target < 2000), the next one %d ms\n' \
  "$RUNS" "$(median "${readies[@]}")" "$(median "${firsts[@]}")" "$(median "${seconds[@]}")"
