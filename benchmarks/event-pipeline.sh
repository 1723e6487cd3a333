#!/usr/bin/env bash
# Engagement events end to end: committed outbox row → relay → Kafka → billing-service consumer → its database.
#
# pgbench commits two-insert transactions into provisioning's database (an engagement row and its outbox row,
# one statement), at a fixed rate for the latency figure and flat out for the throughput figure. A
# provisioning-service relays, a billing-service consumes (opens a billing account, records the event id). Both
# run from their packaged jars on side ports, on a topic of their own (engagement-events-bench), so nothing else
# is disturbed. Latency = billing's processed_event.processed_at (start of the consumer's transaction) minus
# provisioning's outbox.created_at (the producing transaction), same PostgreSQL clock.
#
# Three figures, then the anchor they compare with:
#   fixed rate   pgbench at RATE/s: end-to-end events/s and commit-to-consumer latency percentiles;
#   flat out     pgbench as fast as it goes, relay and consumer competing with it for the two cores;
#   backlog      relay and consumer, the producer out of their way: the relay is frozen (SIGSTOP) while pgbench commits
#                a backlog into the outbox, then thawed; events/s from thaw to the last event the consumer processed,
#                and the latency from thaw (the end-to-end figure the two cores give when pgbench does not compete);
#   drain        the consumer alone: it is frozen (SIGSTOP) while a backlog is committed and relayed, then thawed;
#                events/s from thaw to the last event processed;
#   anchor       pgbench alone, the same two-insert transaction, before any service starts (rows removed afterwards).
# RELAY_CONSUMES=1 has provisioning consume the topic as well (see below).
# BENCH_JAVA_OPTS adds JVM options to both services (to compare settings); BENCH_BUILD=<checkout> runs another
# checkout's packaged jars (to compare commits in one sitting: benchmarks/lib.sh).
# PROFILE=1 (or PROFILE=consumer) records a JFR profile of the consumer (results/consumer.jfr) and prints its hottest
# frames; PROFILE=relay does the same for the relay (results/relay.jfr).
#
# Usage: benchmarks/event-pipeline.sh [rate-per-second] [seconds]      (defaults 1000 and 20; WARMUP=20 seconds)
# Targets (architecture §6): p99 < 250 ms at 1,000 events/s; ≥ 2,400 events/s sustained.
source "$(dirname "$0")/lib.sh"
RATE="${1:-1000}"
SECONDS_RUN="${2:-20}"
WARMUP="${WARMUP:-20}"   # seconds at the fixed rate before anything is measured
TOPIC=engagement-events-bench
PGBENCH="$(ls /usr/lib/postgresql/*/bin/pgbench | tail -1)"

select_jdk
"$ROOT/dev/postgres.sh" start >/dev/null
"$ROOT/dev/kafka.sh" start >/dev/null
ensure_packaged provisioning-service billing-service
trap 'thaw; thaw bench-relay; stop_pid bench-relay 10; stop_pid bench-consumer 10' EXIT
thaw() {   # thaw [NAME]: let a frozen service run again (default the consumer)
  local pidf="$RUN/${1:-bench-consumer}.pid"
  [ -f "$pidf" ] && kill -CONT "$(cat "$pidf")" 2>/dev/null || true
}
# BENCH_JAVA_OPTS: extra options for both services, to compare settings (e.g. -Dquarkus.datasource.reactive...)
COMMON=(-Dquarkus.oidc.tenant-enabled=false -Dquarkus.log.level=WARN ${BENCH_JAVA_OPTS:-})
CONSUMER_OPTS=(); RELAY_OPTS=(); PROFILED=""
case "${PROFILE:-0}" in
  1|consumer) PROFILED=consumer
    CONSUMER_OPTS=(-XX:StartFlightRecording=filename="$RESULTS/consumer.jfr",settings=profile,dumponexit=true) ;;
  relay) PROFILED=relay
    RELAY_OPTS=(-XX:StartFlightRecording=filename="$RESULTS/relay.jfr",settings=profile,dumponexit=true) ;;
esac
# a database no service has started on yet has no tables: each service migrates it once, relay and consumer off
for svc in provisioning-service:provisioning:engagement billing-service:billing:billing_account; do
  IFS=: read -r name db table <<<"$svc"
  if [ "$(psql_db "$db" -c "select to_regclass('$table') is not null")" != t ]; then
    log "migrating the $db database once ($name)"
    start_service "bench-migrate-$name" "$name" 18189 "${COMMON[@]}" -Dlobsterops.messaging.relay.enabled=false \
      -Dmp.messaging.incoming.engagement-events-in.enabled=false
    stop_pid "bench-migrate-$name" 20
  fi
done
psql_db provisioning -c "insert into client (id, name, created_at, created_by) values ('bench', 'Bench Corp', now(), 'bench') on conflict do nothing"
pipeline_sql() {   # pipeline_sql TOPIC: one engagement row and its outbox row, in one statement
  cat <<SQL
with e as (
  insert into engagement (id, client_id, stage, opened_by, opened_at, updated_at)
  values (gen_random_uuid(), 'bench', 'LEAD', 'bench', now(), now()) returning id, opened_at)
insert into outbox (event_id, topic, record_key, type, source, subject, occurred_at, payload)
select gen_random_uuid(), '$1', e.id::text, 'lobsterops.engagement.opened', '/lobsterops/provisioning-service',
       e.id::text, e.opened_at,
       json_build_object('engagementId', e.id, 'clientId', 'bench', 'clientName', 'Bench Corp', 'stage', 'LEAD',
                         'openedBy', 'bench',
                         'openedAt', to_char(e.opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text
from e;
SQL
}
pipeline_sql "$TOPIC" > "$RESULTS/pipeline.sql"
pipeline_sql "$TOPIC-anchor" > "$RESULTS/anchor.sql"

# the anchor: PostgreSQL alone, no relay running yet; its rows are removed before any relay could see them
PGPASSWORD="$PG_PASSWORD" "$PGBENCH" -h 127.0.0.1 -U "$PG_USER" -n -f "$RESULTS/anchor.sql" -T 10 -c 8 -j 2 \
  provisioning > "$RESULTS/pgbench-anchor.txt" 2>&1
ANCHOR="$(awk '/^tps/ {printf "%.0f", $3}' "$RESULTS/pgbench-anchor.txt")"
psql_db provisioning -c "with d as (delete from outbox where topic = '$TOPIC-anchor' returning record_key)
  delete from engagement where id::text in (select record_key from d)"

# the relay listens from the start: the outbox rows are pgbench's, the service itself appends none (ADR 0061)
# Provisioning only relays: its own consumer (the timeline it keeps of every event) is off unless RELAY_CONSUMES=1,
# which has it consume the benchmark's topic too, as the platform's provisioning does, on the same two cores.
RELAY_IN=(-Dmp.messaging.incoming.engagement-events-in.enabled=false)
if [ "${RELAY_CONSUMES:-0}" = 1 ]; then
  RELAY_IN=(-Dmp.messaging.incoming.engagement-events-in.topic="$TOPIC"
    -Dmp.messaging.incoming.engagement-events-in.group.id=provisioning-service-bench)
fi
# (as an environment variable: a build from before ADR 0061 does not know the key, and refuses unknown -D keys)
LOBSTEROPS_MESSAGING_RELAY_LISTEN_AT_START=true \
  start_service bench-relay provisioning-service 18181 "${COMMON[@]}" "${RELAY_OPTS[@]}" "${RELAY_IN[@]}"
start_service bench-consumer billing-service 18185 "${COMMON[@]}" "${CONSUMER_OPTS[@]}" \
  -Dmp.messaging.incoming.engagement-events-in.topic="$TOPIC" \
  -Dmp.messaging.incoming.engagement-events-in.group.id=billing-service-bench


measure() {   # measure LABEL PGBENCH-ARGS...
  local label="$1"; shift
  local start expected i done_count
  start="$(psql_db provisioning -c "select now()")"
  PGPASSWORD="$PG_PASSWORD" "$PGBENCH" -h 127.0.0.1 -U "$PG_USER" -n -f "$RESULTS/pipeline.sql" -T "$SECONDS_RUN" \
    "$@" provisioning > "$RESULTS/pgbench-$label.txt" 2>&1
  expected="$(psql_db provisioning -c "select count(*) from outbox where topic = '$TOPIC' and created_at >= '$start'")"
  for ((i = 0; i < 240; i++)); do
    done_count="$(psql_db billing -c "select count(*) from processed_event where consumer = 'billing-service' and processed_at >= '$start'")"
    [ "$done_count" -ge "$expected" ] && break
    sleep 0.5
  done
  psql_db provisioning -c "copy (select event_id, extract(epoch from created_at) from outbox where topic = '$TOPIC' and created_at >= '$start') to stdout with csv" > "$RESULTS/produced-$label.csv"
  psql_db billing -c "copy (select event_id, extract(epoch from processed_at) from processed_event where consumer = 'billing-service' and processed_at >= '$start') to stdout with csv" > "$RESULTS/consumed-$label.csv"
  python3 - "$label" "$RESULTS/produced-$label.csv" "$RESULTS/consumed-$label.csv" <<'PY'
import csv, sys
label, produced_file, consumed_file = sys.argv[1:]
produced = {r[0]: float(r[1]) for r in csv.reader(open(produced_file))}
consumed = {r[0]: float(r[1]) for r in csv.reader(open(consumed_file)) if r[0] in produced}
lat = sorted((consumed[k] - produced[k]) * 1000 for k in consumed)
if not lat:
    print(f"{label}: nothing consumed"); sys.exit(1)
span = max(consumed.values()) - min(produced[k] for k in consumed)
pct = lambda p: lat[min(len(lat) - 1, int(len(lat) * p))]
print(f"{label}: produced {len(produced)}, consumed {len(consumed)} "
      f"({len(produced) - len(consumed)} missing), end-to-end {len(consumed) / span:,.0f} events/s; "
      f"latency ms p50 {pct(0.50):.0f}, p95 {pct(0.95):.0f}, p99 {pct(0.99):.0f}, max {lat[-1]:.0f}")
PY
}

# warm-up, not counted: the consumer's group join and the first polls, the JIT's first minutes of both services
# (without it the fixed-rate phase measures the start: seconds of consumer lag in its first second, caught up later)
log "warm-up: $RATE events/s for ${WARMUP}s (printed, not a figure)"
SECONDS_RUN="$WARMUP" measure "warm-up" -c 8 -j 2 -R "$RATE"
log "fixed rate: $RATE events/s for ${SECONDS_RUN}s (target p99 < 250 ms at 1,000/s)"
measure "rate-$RATE" -c 8 -j 2 -R "$RATE"
log "flat out for ${SECONDS_RUN}s (target ≥ 2,400 events/s sustained; PostgreSQL two-insert anchor ~4,800/s)"
measure "flat-out" -c 8 -j 2
log "backlog: the relay frozen while ${SECONDS_RUN}s of flat-out commits fill the outbox, then thawed (relay + consumer alone)"
backlog() {
  local start expected i done_count thawed finished
  start="$(psql_db provisioning -c "select now()")"
  kill -STOP "$(cat "$RUN/bench-relay.pid")"
  PGPASSWORD="$PG_PASSWORD" "$PGBENCH" -h 127.0.0.1 -U "$PG_USER" -n -f "$RESULTS/pipeline.sql" -T "$SECONDS_RUN" \
    -c 8 -j 2 provisioning > "$RESULTS/pgbench-backlog.txt" 2>&1
  expected="$(psql_db provisioning -c "select count(*) from outbox where topic = '$TOPIC' and created_at >= '$start'")"
  thawed="$(psql_db provisioning -c "select extract(epoch from clock_timestamp())")"
  thaw bench-relay
  for ((i = 0; i < 3000; i++)); do
    done_count="$(psql_db billing -c "select count(*) from processed_event where consumer = 'billing-service' and processed_at >= '$start'")"
    [ "$done_count" -ge "$expected" ] && break
    sleep 0.1
  done
  psql_db billing -c "copy (select extract(epoch from processed_at) from processed_event where consumer = 'billing-service' and processed_at >= '$start') to stdout" > "$RESULTS/consumed-backlog.txt"
  python3 - "$expected" "$thawed" "$RESULTS/consumed-backlog.txt" <<'PY'
import sys
expected, thawed, path = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
done = sorted(float(line) - thawed for line in open(path) if line.strip())
if not done:
    print("backlog: nothing consumed"); sys.exit(1)
pct = lambda p: done[min(len(done) - 1, int(len(done) * p))] * 1000
print(f"backlog: {len(done)} of {expected} events relayed and consumed in {done[-1]:.1f}s after thaw, "
      f"end to end {len(done) / done[-1]:,.0f} events/s; ms after thaw p50 {pct(0.50):.0f}, p99 {pct(0.99):.0f}")
PY
}
backlog
log "drain: the consumer frozen while ${SECONDS_RUN}s of flat-out commits are relayed, then thawed"
cpu_ticks() {   # cpu_ticks PID...: user + system clock ticks the processes have used so far
  local pid total=0
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
drain() {
  local start expected i done_count thawed finished
  start="$(psql_db provisioning -c "select now()")"
  kill -STOP "$(cat "$RUN/bench-consumer.pid")"
  PGPASSWORD="$PG_PASSWORD" "$PGBENCH" -h 127.0.0.1 -U "$PG_USER" -n -f "$RESULTS/pipeline.sql" -T "$SECONDS_RUN" \
    -c 8 -j 2 provisioning > "$RESULTS/pgbench-drain.txt" 2>&1
  expected="$(psql_db provisioning -c "select count(*) from outbox where topic = '$TOPIC' and created_at >= '$start'")"
  for ((i = 0; i < 600; i++)); do
    [ "$(psql_db provisioning -c "select count(*) from outbox where topic = '$TOPIC' and published_at is null")" = 0 ] && break
    sleep 0.1
  done
  local consumer_cpu pg_cpu
  consumer_cpu="$(cpu_ticks "$(cat "$RUN/bench-consumer.pid")")"; pg_cpu="$(cpu_ticks $(pgrep -u postgres))"
  thawed="$(date +%s.%N)"
  thaw
  for ((i = 0; i < 3000; i++)); do
    done_count="$(psql_db billing -c "select count(*) from processed_event where consumer = 'billing-service' and processed_at >= '$start'")"
    [ "$done_count" -ge "$expected" ] && break
    sleep 0.1
  done
  finished="$(date +%s.%N)"
  consumer_cpu=$(( $(cpu_ticks "$(cat "$RUN/bench-consumer.pid")") - consumer_cpu ))
  pg_cpu=$(( $(cpu_ticks $(pgrep -u postgres)) - pg_cpu ))
  python3 -c "import sys; n, a, b, c, p, hz = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]); print(f'drain: {n} events in {b - a:.1f}s, the consumer alone {n / (b - a):,.0f} events/s; CPU per event: consumer JVM {1000 * c / hz / n:.2f} ms, PostgreSQL {1000 * p / hz / n:.2f} ms')" \
    "$done_count" "$thawed" "$finished" "$consumer_cpu" "$pg_cpu" "$(getconf CLK_TCK)"
}
drain
log "anchor: PostgreSQL alone, the same two-insert transaction, 8 clients: $ANCHOR tx/s (the architecture's anchor ~4,800/s; its target for the pipeline is half)"
log "relay RSS $(rss_mb "$(cat "$RUN/bench-relay.pid")") MB, consumer RSS $(rss_mb "$(cat "$RUN/bench-consumer.pid")") MB"
if [ -n "$PROFILED" ]; then
  "$JAVA_HOME/bin/jcmd" "$(cat "$RUN/bench-$PROFILED.pid")" JFR.dump filename="$RESULTS/$PROFILED.jfr" >/dev/null
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample "$RESULTS/$PROFILED.jfr" > "$RESULTS/$PROFILED-samples.txt"
  log "hottest frames of the $PROFILED (top of stack, own code and libraries):"
  python3 - "$RESULTS/$PROFILED-samples.txt" <<'PY'
import collections, re, sys
top, incl = collections.Counter(), collections.Counter()
stack = []
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith('jdk.ExecutionSample'):
        stack = []
    elif line.startswith(']'):
        if stack:
            top[stack[0]] += 1
            for frame in set(stack):
                incl[frame] += 1
    else:
        m = re.match(r'([\w.$<>]+)\(', line)
        if m and 'stackTrace' not in line:
            stack.append(m.group(1))
total = sum(top.values()) or 1
print(f"{total} samples; top of stack:")
for frame, n in top.most_common(15):
    print(f"  {100 * n / total:5.1f}%  {frame}")
print("inclusive (lobsterops, hibernate, vertx, kafka, jackson, smallrye, netty):")
for frame, n in incl.most_common(400):
    if re.match(r'(io\.lobsterops|org\.hibernate\.reactive|io\.vertx\.(pg|sql)client|org\.apache\.kafka|com\.fasterxml|io\.smallrye|io\.netty|java\.lang\.VirtualThread)', frame):
        print(f"  {100 * n / total:5.1f}%  {frame}")
PY
fi
