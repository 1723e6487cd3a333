#!/usr/bin/env bash
# Escalations fanned out to Telegram: N escalation.raised events (P1) → notification-service → one delivery per
# person on duty → a loopback Telegram Bot API.
#
# The packaged notification-service runs on a side port with a database and a topic of its own
# (notification_bench, engagement-events-bench-notification), two staff Telegram destinations on duty and a loopback
# Bot API (a small Python server, results/fanout-telegram.py) that answers sendMessage at once. A Java producer
# publishes the events as CloudEvents, each carrying its send time in its summary. Telegram's own limits (about one
# message a second per chat, 30 a second in all) are lifted here (per-chat-interval 0s, global 100000/s): the figure is
# the service's, not Telegram's.
#
# Prints: deliveries per second (first event sent → last receipt), event → receipt latency p50/p99 (producer's send
# time → the delivery's sent_at, same machine clock), and whether anything was lost (every event one inbox message,
# every message one SENT delivery per person on duty, the loopback API counted as many sends).
#
# BENCH_JAVA_OPTS adds JVM options to the service (to compare settings, e.g. the consumer's max.poll.records).
#
# Usage: benchmarks/notification-fanout.sh [events]      (default 1000)
source "$(dirname "$0")/lib.sh"
EVENTS="${1:-1000}"
PEOPLE=2
PORT=18084
TG_PORT=18085
DB=notification_bench
TOPIC=engagement-events-bench-notification
KAFKA_HOME="$TOOLS/kafka-$KAFKA_VERSION"

select_jdk
"$ROOT/dev/postgres.sh" start >/dev/null
"$ROOT/dev/kafka.sh" start >/dev/null
ensure_packaged notification-service
trap 'stop_pid bench-notification 10; stop_pid bench-fanout-telegram 5' EXIT

# a fresh database for the run
as_root runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAX -c "drop database if exists $DB with (force)" \
  -c "create database $DB owner $PG_USER" >/dev/null

cat > "$RESULTS/fanout-telegram.py" <<'PY'
import json, sys, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
count = 0
lock = threading.Lock()
class Bot(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        global count
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        with lock:
            count += 1
            mid = count
        answer = json.dumps({"ok": True, "result": {"message_id": mid, "chat": {"id": body.get("chat_id")},
                                                    "text": body.get("text", "")}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)
    def do_GET(self):
        answer = str(count).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)
    def log_message(self, *args):
        pass
ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Bot).serve_forever()
PY
cat > "$RESULTS/FanoutProducer.java" <<'JAVA'
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes N escalation.raised CloudEvents (binary mode), each summary carrying its send time in microseconds. */
public class FanoutProducer {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("create-topic")) {   // three partitions, as engagement-events: the consumer's concurrency
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                    java.util.Map.of("bootstrap.servers", "127.0.0.1:9092"))) {
                if (!admin.listTopics().names().get().contains(args[1])) {
                    admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(args[1], 3,
                            (short) 1))).all().get();
                } else if (admin.describeTopics(java.util.List.of(args[1])).allTopicNames().get().get(args[1])
                        .partitions().size() < 3) {
                    admin.createPartitions(java.util.Map.of(args[1],
                            org.apache.kafka.clients.admin.NewPartitions.increaseTo(3))).all().get();
                }
            }
            return;
        }
        int n = Integer.parseInt(args[0]);
        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:9092");
        p.put("acks", "all");
        p.put("linger.ms", "0");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                UUID engagement = UUID.randomUUID();
                Instant now = Instant.now();
                long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
                String payload = "{\"engagementId\":\"" + engagement + "\",\"clientId\":\"bench\",\"escalationId\":\""
                        + UUID.randomUUID() + "\",\"rule\":\"gateway-down\",\"priority\":\"P1\",\"summary\":\"sent at "
                        + micros + "\",\"raisedAt\":\"" + now + "\"}";
                ProducerRecord<String, String> record = new ProducerRecord<>(args[1], engagement.toString(), payload);
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", UUID.randomUUID().toString());
                header(record, "ce_source", "/lobsterops/monitoring-service");
                header(record, "ce_type", "lobsterops.escalation.raised");
                header(record, "ce_subject", engagement.toString());
                header(record, "ce_time", now.toString());
                header(record, "content-type", "application/json");
                producer.send(record);
            }
            producer.flush();
        }
    }
    static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
JAVA
producer() { java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$KAFKA_HOME/libs/*" "$RESULTS/FanoutProducer.java" "$@" 2>&1 | grep -v SLF4J || true; }
producer create-topic "$TOPIC"

start_bg bench-fanout-telegram python3 "$RESULTS/fanout-telegram.py" "$TG_PORT"
wait_port "$TG_PORT" "the loopback Bot API" 10

start_service bench-notification notification-service "$PORT" \
  -Dquarkus.oidc.tenant-enabled=false -Dquarkus.log.level=WARN \
  -Dlobsterops.db.name=$DB -Dlobsterops.messaging.topic=$TOPIC \
  -Dmp.messaging.incoming.engagement-events-in.group.id=notification-bench \
  -Dlobsterops.notification.secrets.key=m4x5Emue/MeHeDqJsjJphyGbjR6DCBUgCkBIWwoB5PE= \
  -Dlobsterops.notification.telegram.api-root=http://127.0.0.1:$TG_PORT \
  -Dlobsterops.notification.telegram.bot-token=1234567:benchmarkTokenOnLoopbackOnly_xx \
  -Dlobsterops.notification.telegram.per-chat-interval=0s \
  -Dlobsterops.notification.telegram.global-per-second=100000 \
  -Dlobsterops.notification.digest.scheduled=false ${BENCH_JAVA_OPTS:-}

for i in $(seq 1 $PEOPLE); do
  psql_db $DB -c "insert into destination (id, name, channel, address, on_duty_rank, created_at, created_by)
                  values (gen_random_uuid(), 'on duty $i', 'TELEGRAM', '-10000$i', $i, now(), 'bench')" >/dev/null
done


EXPECTED=$((EVENTS * PEOPLE))
log "publishing $EVENTS escalation.raised events ($EXPECTED deliveries expected)"
producer "$EVENTS" "$TOPIC"

deadline=$((SECONDS + 300))
while :; do
  sent=$(psql_db $DB -c "select count(*) from delivery where status = 'SENT'")
  [ "$sent" -ge "$EXPECTED" ] && break
  [ "$SECONDS" -ge "$deadline" ] && { warn "only $sent of $EXPECTED deliveries sent after 300 s"; break; }
  sleep 0.5
done

read -r rate p50 p99 elapsed < <(psql_db $DB -F ' ' -c "
with d as (
  select extract(epoch from d.sent_at) * 1e6 as sent_us,
         substring(m.title from 'sent at ([0-9]+)')::bigint as event_us
  from delivery d join inbox_message m on m.id = d.message_id where d.status = 'SENT')
select round(count(*) / ((max(sent_us) - min(event_us)) / 1e6))::int,
       round((percentile_cont(0.5) within group (order by sent_us - event_us) / 1000)::numeric, 1),
       round((percentile_cont(0.99) within group (order by sent_us - event_us) / 1000)::numeric, 1),
       round(((max(sent_us) - min(event_us)) / 1e6)::numeric, 2)
from d")
messages=$(psql_db $DB -c "select count(*) from inbox_message")
deliveries=$(psql_db $DB -c "select count(*) from delivery")
sent=$(psql_db $DB -c "select count(*) from delivery where status = 'SENT'")
other=$(psql_db $DB -c "select coalesce(string_agg(status || ' ' || n, ', '), 'none') from (select status, count(*) n from delivery where status <> 'SENT' group by status) s")
received=$(curl -fsS "http://127.0.0.1:$TG_PORT/")

echo
echo "notification fan-out: $EVENTS escalation.raised (P1) x $PEOPLE people on duty -> loopback Telegram"
echo "  deliveries sent        $sent of $EXPECTED in ${elapsed}s (first event published -> last receipt)"
echo "  delivered/s            $rate"
echo "  event -> receipt       p50 ${p50} ms, p99 ${p99} ms"
echo "  inbox messages         $messages (expected $EVENTS)"
echo "  delivery rows          $deliveries, not sent: $other"
echo "  loopback Bot API got   $received sendMessage calls"
if [ "$messages" -eq "$EVENTS" ] && [ "$sent" -eq "$EXPECTED" ] && [ "$deliveries" -eq "$EXPECTED" ] \
   && [ "$received" -eq "$EXPECTED" ]; then
  echo "  nothing lost, nothing sent twice"
else
  echo "  LOST OR DUPLICATED: see above"
  exit 1
fi
