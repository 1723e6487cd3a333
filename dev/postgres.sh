#!/usr/bin/env bash
# PostgreSQL from Debian's packages, started without systemd; one database per service, one owner role.
# Usage: dev/postgres.sh start|stop|status     (start installs the package when it is missing)
#        dev/postgres.sh test-databases ID    drops and creates the test run ID's databases, <db>_test_ID (ADR 0071):
#                                             dev/test starts each run on empty databases of its own
source "$(dirname "$0")/lib.sh"

pg_cluster() { pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}'; }

install_postgres() {
  if ! command -v pg_lsclusters >/dev/null || [ -z "$(pg_cluster)" ]; then
    log "installing PostgreSQL from Debian's packages"
    as_root apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q postgresql >/dev/null
  fi
}

psql_admin() { as_root runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAX "$@"; }

start() {
  install_postgres
  local version name
  read -r version name <<<"$(pg_cluster)"
  if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
    log "starting PostgreSQL $version/$name"
    as_root pg_ctlcluster "$version" "$name" start
    # remember that we started it, so dev/down and dev/test stop only what they started
    echo "$version $name" > "$RUN/postgres.cluster"
  fi
  for ((i = 0; i < 100; i++)); do psql_admin -c 'select 1' >/dev/null 2>&1 && break; sleep 0.1; done
  if [ "$(psql_admin -c "select 1 from pg_roles where rolname='$PG_USER'")" != "1" ]; then
    psql_admin -c "create role $PG_USER login password '$PG_PASSWORD'"
  fi
  for db in "${DATABASES[@]}" "${DATABASES[@]/%/_test}"; do
    if [ "$(psql_admin -c "select 1 from pg_database where datname='$db'")" != "1" ]; then
      psql_admin -c "create database $db owner $PG_USER"
    fi
  done
  # connection headroom: five services + their tests + benchmarks
  if [ "$(psql_admin -c 'show max_connections')" -lt 300 ]; then
    psql_admin -c "alter system set max_connections = 300" && as_root pg_ctlcluster "$version" "$name" restart
  fi
  log "PostgreSQL ready on 127.0.0.1:5432 (databases: ${DATABASES[*]}; role $PG_USER)"
}

# a test run's databases, empty: nothing of an earlier run (or of another branch's migrations) is left in them
test_databases() {
  local id="${1:-}" db
  [[ "$id" =~ ^[a-z0-9]{1,12}$ ]] || die "not a run id: '$id'"
  for db in "${DATABASES[@]/%/_test_$id}"; do
    psql_admin -c "set client_min_messages = warning" -c "drop database if exists $db with (force)" \
      -c "create database $db owner $PG_USER"
  done
  log "empty databases for test run $id: ${DATABASES[*]/%/_test_$id}"
}

stop() {
  [ -f "$RUN/postgres.cluster" ] || { log "PostgreSQL was not started by these scripts; leaving it"; return 0; }
  local version name
  read -r version name < "$RUN/postgres.cluster"
  as_root pg_ctlcluster "$version" "$name" stop || true
  rm -f "$RUN/postgres.cluster"
  log "PostgreSQL stopped"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) pg_lsclusters ;;
  test-databases) test_databases "${2:-}" ;;
  *) die "usage: $0 start|stop|status|test-databases ID" ;;
esac
