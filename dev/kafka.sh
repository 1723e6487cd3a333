#!/usr/bin/env bash
# A single KRaft Kafka broker from the Apache Kafka jars on Maven Central, on 127.0.0.1:9092.
# Usage: dev/kafka.sh start|stop|restart|status|topics NAME...
#   start   fetches the jars once, formats the storage once, starts the broker, creates the topics
#   stop    stops the broker this script started (by its PID file); the data stays
#   topics  creates those of the topics NAME... (each with its .dlq) that do not exist yet (a test run's, ADR 0071)
# A second, private broker (e.g. for a test that stops its broker) runs with
#   KAFKA_INSTANCE=<name> KAFKA_PORT=<port> KAFKA_CONTROLLER_PORT=<port> dev/kafka.sh start
source "$(dirname "$0")/lib.sh"

KAFKA_HOME="$TOOLS/kafka-$KAFKA_VERSION"
INSTANCE="${KAFKA_INSTANCE:-}"
NAME="kafka${INSTANCE:+-$INSTANCE}"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_DATA="$STATE/$NAME-data"
CONFIG="$STATE/$NAME-server.properties"
TOPICS=(engagement-events engagement-events.dlq engagement-events-test engagement-events-test.dlq)
# each module's tests publish on their own topic (lobsterops.test.topic, set by the build)
for module in provisioning-service agent-config-service monitoring-service notification-service billing-service; do
  TOPICS+=("engagement-events-test-$module" "engagement-events-test-$module.dlq")
done

fetch_jars() {
  [ -f "$KAFKA_HOME/.complete" ] && return 0
  log "fetching the Kafka $KAFKA_VERSION broker jars"
  mkdir -p "$KAFKA_HOME/libs"
  mvnw -q -B -f "$ROOT/dev/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$KAFKA_HOME/libs" >/dev/null
  touch "$KAFKA_HOME/.complete"
}

kafka_java() { java -Dlog4j2.configurationFile="$ROOT/dev/kafka/log4j2.properties" -cp "$KAFKA_HOME/libs/*" "$@"; }

config() {
  sed -e "s#127.0.0.1:9092#127.0.0.1:$PORT#g" -e "s#127.0.0.1:9093#127.0.0.1:$CONTROLLER_PORT#g" \
    "$ROOT/dev/kafka/server.properties" > "$CONFIG"
  echo "log.dirs=$KAFKA_DATA" >> "$CONFIG"
}

format_once() {
  [ -f "$KAFKA_DATA/meta.properties" ] && return 0
  log "formatting Kafka storage in $KAFKA_DATA"
  local id; id="$(kafka_java kafka.tools.StorageTool random-uuid)"
  kafka_java kafka.tools.StorageTool format -t "$id" -c "$CONFIG" >/dev/null
}

create_topics() {
  local topic
  for topic in "${TOPICS[@]}"; do
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" --create --if-not-exists \
      --topic "$topic" --partitions 3 --replication-factor 1 >/dev/null
  done
}

# run_topics NAME...: one listing, then only the missing topics are created (each TopicCommand is a JVM start)
run_topics() {
  local existing topic
  select_jdk
  fetch_jars
  existing=" $(kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" --list | tr '\n' ' ') "
  for topic in "$@" "${@/%/.dlq}"; do
    [[ "$existing" == *" $topic "* ]] && continue
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" --create --if-not-exists \
      --topic "$topic" --partitions 3 --replication-factor 1 >/dev/null
  done
}

start() {
  select_jdk
  fetch_jars
  config
  format_once
  if ! is_running "$NAME"; then
    log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$PORT (log: $LOGS/$NAME.log)"
    start_bg "$NAME" java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$ROOT/dev/kafka/log4j2.properties" \
      -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$CONFIG"
  fi
  wait_port "$PORT" "Kafka" 90
  create_topics
  log "Kafka ready on 127.0.0.1:$PORT (topics: ${TOPICS[*]})"
}

case "${1:-start}" in
  start) start ;;
  stop) stop_pid "$NAME" 30; log "Kafka ($NAME) stopped" ;;
  restart) stop_pid "$NAME" 30; start ;;
  status) is_running "$NAME" && echo "running (pid $(cat "$(pidfile "$NAME")"))" || echo "stopped" ;;
  topics) shift; run_topics "$@" ;;
  purge) stop_pid "$NAME" 30; rm -rf "$KAFKA_DATA" "$CONFIG"; log "Kafka ($NAME) stopped and its data removed" ;;
  *) die "usage: $0 start|stop|restart|status|purge|topics NAME..." ;;
esac
