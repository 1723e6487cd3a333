#!/usr/bin/env bash
# A single KRaft Kafka broker from the Apache Kafka jars on Maven Central, on 127.0.0.1:9092.
# Usage: dev/kafka.sh start|stop|restart|status
#   start   fetches the jars once, formats the storage once, starts the broker, creates the topics
#   stop    stops the broker this script started (by its PID file); the data stays
source "$(dirname "$0")/lib.sh"

KAFKA_HOME="$TOOLS/kafka-$KAFKA_VERSION"
KAFKA_DATA="$STATE/kafka-data"
TOPICS=(engagement-events engagement-events.dlq)

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
  sed "s#^log.dirs=.*##" "$ROOT/dev/kafka/server.properties" > "$STATE/kafka-server.properties"
  echo "log.dirs=$KAFKA_DATA" >> "$STATE/kafka-server.properties"
}

format_once() {
  [ -f "$KAFKA_DATA/meta.properties" ] && return 0
  log "formatting Kafka storage in $KAFKA_DATA"
  local id; id="$(kafka_java kafka.tools.StorageTool random-uuid)"
  kafka_java kafka.tools.StorageTool format -t "$id" -c "$STATE/kafka-server.properties" >/dev/null
}

create_topics() {
  local topic
  for topic in "${TOPICS[@]}"; do
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --create --if-not-exists \
      --topic "$topic" --partitions 3 --replication-factor 1 >/dev/null
  done
}

start() {
  select_jdk
  fetch_jars
  config
  format_once
  if ! is_running kafka; then
    log "starting Kafka $KAFKA_VERSION on 127.0.0.1:9092 (log: $LOGS/kafka.log)"
    start_bg kafka java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$ROOT/dev/kafka/log4j2.properties" \
      -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$STATE/kafka-server.properties"
  fi
  wait_port 9092 "Kafka" 90
  create_topics
  log "Kafka ready on 127.0.0.1:9092 (topics: ${TOPICS[*]})"
}

case "${1:-start}" in
  start) start ;;
  stop) stop_pid kafka 30; log "Kafka stopped" ;;
  restart) stop_pid kafka 30; start ;;
  status) is_running kafka && echo "running (pid $(cat "$(pidfile kafka)"))" || echo "stopped" ;;
  *) die "usage: $0 start|stop|restart|status" ;;
esac
