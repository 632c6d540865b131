#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the SQL baseline of the benchmark.
#
#   bench/postgres.sh start   installs PostgreSQL from the Debian package if missing (needs root),
#                             creates a cluster in $NUDGE_PG_DIR, starts it on localhost:$NUDGE_PG_PORT
#                             and prints the JDBC URL
#   bench/postgres.sh stop    stops it and deletes the cluster
#   bench/postgres.sh url     prints the JDBC URL
#
# The cluster is for measurement only: fsync and synchronous_commit are off (they change load time,
# not query time), and the server runs as the unprivileged 'postgres' user when started by root.
set -euo pipefail

PORT="${NUDGE_PG_PORT:-55432}"
DIR="${NUDGE_PG_DIR:-/tmp/nudge-bench-pg}"
DB=nudge_bench
USER_NAME=bench
URL="jdbc:postgresql://localhost:${PORT}/${DB}?user=${USER_NAME}"

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$d" ] && [ "$(id -u)" = 0 ]; then
    echo "postgres.sh: PostgreSQL not found; installing the Debian package (apt-get install -y postgresql)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  fi
  if [ -z "$d" ]; then
    echo "postgres.sh: no PostgreSQL under /usr/lib/postgresql; run 'apt-get install postgresql' as root, or run the benchmark with --engines duckdb" >&2
    exit 1
  fi
  echo "$d"
}

as_pg() { # initdb and postgres refuse to run as root
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    BIN=$(pg_bin)
    if [ -f "$DIR/data/postmaster.pid" ] && "$BIN/pg_isready" -q -h localhost -p "$PORT"; then
      echo "$URL"; exit 0
    fi
    rm -rf "$DIR"; mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && { id postgres >/dev/null 2>&1 || useradd --system postgres; chown postgres "$DIR"; }
    as_pg "$BIN/initdb" -D "$DIR/data" -U "$USER_NAME" --auth=trust -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w start -o "-p $PORT -k $DIR -c listen_addresses=localhost \
      -c shared_buffers=1GB -c work_mem=256MB -c maintenance_work_mem=512MB -c effective_cache_size=4GB \
      -c max_parallel_workers_per_gather=2 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
      -c max_wal_size=4GB -c jit=off" >/dev/null \
      || { echo "postgres.sh: the server did not start (port $PORT taken? set NUDGE_PG_PORT); log:" >&2; cat "$DIR/server.log" >&2; exit 1; }
    "$BIN/createdb" -h localhost -p "$PORT" -U "$USER_NAME" "$DB"
    echo "$URL"
    ;;
  stop)
    BIN=$(pg_bin)
    if [ -f "$DIR/data/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$DIR"
    ;;
  url) echo "$URL" ;;
  *) echo "usage: bench/postgres.sh start|stop|url" >&2; exit 2 ;;
esac
