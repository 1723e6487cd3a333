#!/usr/bin/env bash
# Two test runs at once on this machine, from this checkout and a second one (a clone of its HEAD, sharing .dev), to
# show ADR 0071's isolation: both succeed, each on its own databases, topic, consumer group, SSH test host (sshd, port,
# users) and gateway ports, and neither stops, resets or writes what is the other's or the local platform's.
#
#   dev/support/two-test-runs.sh [MODULE [MAVEN ARGS...]]    default: monitoring-service -DskipITs
#
# Prints each run's id and exit code, then what was seen while they ran: the users whose processes ran (gateways,
# probes), every test host sshd with its PID before and after (the ones neither run owns must keep theirs), the rows
# inserted per database (PostgreSQL's counters, before and after) and each run's consumer group with its topic. The
# second checkout is removed at the end; its run's databases, users and topics stay, named by its id.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
unset LOBSTEROPS_RUN_ID LOBSTEROPS_TESTHOST_NAME LOBSTEROPS_TESTHOST_ROLE
module="${1:-monitoring-service}"
[ "$#" -gt 0 ] && shift
[ "$#" -gt 0 ] || set -- -DskipITs
database="${module%-service}"; database="${database//-/}"

work="$(mktemp -d /tmp/lobsterops-two-runs.XXXXXX)"
git clone -q "$ROOT" "$work/second"
ln -s "$STATE" "$work/second/.dev"
trap 'rm -rf "$work/second"' EXIT
checkouts=("$ROOT" "$work/second")
ids=("$(test_run_id)" "$(bash -c 'source "$1/dev/lib.sh"; test_run_id' _ "$work/second")")
log "run A: $ROOT (id ${ids[0]}); run B: $work/second (id ${ids[1]}); both: dev/test -pl $module $*"

sshds() { ps -eo pid=,args= | sed -n 's#^ *\([0-9]*\) sshd: /usr/sbin/sshd -f .*/\([^/]*\)/sshd_config .*\[listener\].*#\2 pid \1#p' | sort; }
inserted() {
  as_root runuser -u postgres -- psql -qtAX -F ' ' -c "select datname, tup_inserted from pg_stat_database
    where datname ~ '^${database}(_test.*)?$' order by 1"
}
sshds > "$work/sshd-before"; inserted > "$work/db-before"

for i in 0 1; do
  (rc=0; cd "${checkouts[$i]}" && LOBSTEROPS_SKIP_K8S_VALIDATE=1 ./dev/test -pl "$module" "$@" > "$work/run-$i.log" 2>&1 \
     || rc=$?; echo "$rc" > "$work/run-$i.rc") &
done
# while they run: which test host users run processes, and which sshds run
while [ ! -f "$work/run-0.rc" ] || [ ! -f "$work/run-1.rc" ]; do
  ps -eo user:32=,args= | awk '$1 ~ /^lobster-/ {print $1}' | sort -u >> "$work/users"
  sshds >> "$work/sshd-during"
  sleep 10
done
wait

echo
for i in 0 1; do
  log "run $([ "$i" = 0 ] && echo A || echo B) (id ${ids[$i]}) exited with $(cat "$work/run-$i.rc"):"
  grep -E 'Tests run: [0-9]+, Failures|BUILD (SUCCESS|FAILURE)|test run [a-z0-9]+: ' "$work/run-$i.log" \
    | grep -v 'Time elapsed' | tail -4 || true
done
echo
log "test host users with processes (gateways, probes, sessions) while they ran (samples, every 10 s):"
sort "$work/users" 2>/dev/null | uniq -c || true
log "test host sshds (instance: PID before, while they ran, after; the runs' own are test-<id>[-mon]):"
sshds > "$work/sshd-after"
awk '{ k = $1; seen[k] = 1 }
     FILENAME ~ /before/ { b[k] = $3 } FILENAME ~ /after/ { a[k] = $3 }
     FILENAME ~ /during/ && index(" " d[k] " ", " " $3 " ") == 0 { d[k] = d[k] (d[k] ? " " : "") $3 }
     END { for (k in seen) printf "  %-22s before %-8s while %-14s after %s\n", k, (k in b) ? b[k] : "-",
                                  (k in d) ? d[k] : "-", (k in a) ? a[k] : "-" }' \
  "$work/sshd-before" "$work/sshd-during" "$work/sshd-after" | sort
log "rows inserted per $database database: before | after (the runs' own are new: dev/test empties them)"
inserted > "$work/db-after"
join -a1 -a2 -e - -o 0,1.2,2.2 "$work/db-before" "$work/db-after" | sed 's/^/  /' 
log "each run's consumer group and the topic it read:"
for id in "${ids[@]}"; do
  java -cp "$TOOLS/kafka-$KAFKA_VERSION/libs/*" -Dlog4j2.configurationFile="$ROOT/dev/kafka/log4j2.properties" \
    org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server 127.0.0.1:9092 --describe \
    --group "$module-test-$id" 2>/dev/null | awk 'NR > 1 && NF {print $1, $2}' | sort -u
done
log "logs: $work/run-0.log (A), $work/run-1.log (B)"
[ "$(cat "$work/run-0.rc")" = 0 ] && [ "$(cat "$work/run-1.rc")" = 0 ]
