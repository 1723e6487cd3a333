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
# Usage: benchmarks/event-pipeline.sh [rate-per-second] [seconds]      (defaults 1000 and 20)
# Targets (DESIGN §6): p99 < 250 ms at 1,000 events/s; ≥ 2,400 events/s sustained.
source "$(dirname "$0")/lib.sh"
RATE="${1:-1000}"
SECONDS_RUN="${2:-20}"
TOPIC=engagement-events-bench
PGBENCH="$(ls /usr/lib/postgresql/*/bin/pgbench | tail -1)"

select_jdk
"$ROOT/dev/postgres.sh" start >/dev/null
"$ROOT/dev/kafka.sh" start >/dev/null
ensure_packaged provisioning-service billing-service
trap 'stop_pid bench-relay 10; stop_pid bench-consumer 10' EXIT

COMMON=(-Dquarkus.oidc.tenant-enabled=false -Dquarkus.log.level=WARN)
start_service bench-relay provisioning-service 18181 "${COMMON[@]}" \
  -Dmp.messaging.incoming.engagement-events-in.topic="$TOPIC" \
  -Dmp.messaging.incoming.engagement-events-in.group.id=provisioning-service-bench
start_service bench-consumer billing-service 18185 "${COMMON[@]}" \
  -Dmp.messaging.incoming.engagement-events-in.topic="$TOPIC" \
  -Dmp.messaging.incoming.engagement-events-in.group.id=billing-service-bench

psql_db provisioning -c "insert into client (id, name, created_at, created_by) values ('bench', 'Bench Corp', now(), 'bench') on conflict do nothing"
cat > "$RESULTS/pipeline.sql" <<SQL
with e as (
  insert into engagement (id, client_id, stage, opened_by, opened_at, updated_at)
  values (gen_random_uuid(), 'bench', 'LEAD', 'bench', now(), now()) returning id, opened_at)
insert into outbox (event_id, topic, record_key, type, source, subject, occurred_at, payload)
select gen_random_uuid(), '$TOPIC', e.id::text, 'lobsterops.engagement.opened', '/lobsterops/provisioning-service',
       e.id::text, e.opened_at,
       json_build_object('engagementId', e.id, 'clientId', 'bench', 'clientName', 'Bench Corp', 'stage', 'LEAD',
                         'openedBy', 'bench',
                         'openedAt', to_char(e.opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text
from e;
SQL

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

log "fixed rate: $RATE events/s for ${SECONDS_RUN}s (target p99 < 250 ms at 1,000/s)"
measure "rate-$RATE" -c 4 -j 2 -R "$RATE"
log "flat out for ${SECONDS_RUN}s (target ≥ 2,400 events/s sustained; PostgreSQL two-insert anchor ~4,800/s)"
measure "flat-out" -c 8 -j 2
log "relay RSS $(rss_mb "$(cat "$RUN/bench-relay.pid")") MB, consumer RSS $(rss_mb "$(cat "$RUN/bench-consumer.pid")") MB"
