#!/bin/bash
# Entrypoint of the local postgres image: the official postgres image's behaviour, reduced to what
# tests need. First start: initdb with POSTGRES_USER/POSTGRES_PASSWORD, create POSTGRES_DB, run
# /docker-entrypoint-initdb.d; later starts reuse the data directory.
set -Eeuo pipefail

# Options alone ("-c fsync=off ...", as Testcontainers passes them) are options for the server.
if [[ ${1:-} == -* ]]; then
  set -- postgres "$@"
fi

if [[ ${1:-} != postgres ]]; then
  exec "$@"
fi

log() { printf '%s\n' "$*"; }

init_database() {
  : "${POSTGRES_USER:=postgres}"
  : "${POSTGRES_DB:=$POSTGRES_USER}"
  : "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
  if [[ -z ${POSTGRES_PASSWORD:-} && $POSTGRES_HOST_AUTH_METHOD != trust ]]; then
    log "Error: POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)." >&2
    exit 1
  fi

  # initdb refuses a data directory that others can read.
  chmod 0700 "$PGDATA" 2>/dev/null || :

  # The password is stored as SCRAM-SHA-256 (PostgreSQL 17's password_encryption default). As in the
  # official image, the socket and loopback stay trust (docker exec psql works without a password).
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of options, like upstream's.
  if [[ -n ${POSTGRES_PASSWORD:-} ]]; then
    initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") ${POSTGRES_INITDB_ARGS:-}
  else
    initdb --username="$POSTGRES_USER" ${POSTGRES_INITDB_ARGS:-}
  fi

  # Connections from other hosts (the tests, through the published port) need the password.
  {
    echo
    echo "host all all 0.0.0.0/0 $POSTGRES_HOST_AUTH_METHOD"
    echo "host all all ::/0 $POSTGRES_HOST_AUTH_METHOD"
  } >> "$PGDATA/pg_hba.conf"

  # A temporary server on the socket only: pg_isready --host localhost (Testcontainers' wait) must not
  # succeed before initialisation is done.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start

  # Init scripts (*.sh) may call psql without options.
  export PGUSER=$POSTGRES_USER PGPASSWORD=${POSTGRES_PASSWORD:-} PGDATABASE=$POSTGRES_DB
  local -a psql_cmd=(psql -v ON_ERROR_STOP=1 --no-password --no-psqlrc --username "$POSTGRES_USER")
  if [[ $POSTGRES_DB != postgres ]]; then
    "${psql_cmd[@]}" --dbname postgres --set db="$POSTGRES_DB" <<< 'CREATE DATABASE :"db";'
  fi

  local file
  # shellcheck disable=SC1090 # init scripts are the user's, sourced when not executable (as upstream)
  for file in /docker-entrypoint-initdb.d/*; do
    case $file in
      *.sh)     log "$0: running $file"; if [[ -x $file ]]; then "$file"; else . "$file"; fi ;;
      *.sql)    log "$0: running $file"; "${psql_cmd[@]}" --dbname "$POSTGRES_DB" -f "$file" ;;
      *.sql.gz) log "$0: running $file"; gunzip -c "$file" | "${psql_cmd[@]}" --dbname "$POSTGRES_DB" ;;
      *)        if [[ -e $file ]]; then log "$0: ignoring $file"; fi ;;
    esac
  done

  pg_ctl -D "$PGDATA" -m fast -w stop
  unset PGUSER PGPASSWORD PGDATABASE
  log "PostgreSQL init process complete; ready for start up."
}

# PG_VERSION exists once initdb has run: later starts (docker start, restart) keep the data.
if [[ ! -s $PGDATA/PG_VERSION ]]; then
  init_database
else
  log "PostgreSQL Database directory appears to contain a database; Skipping initialization"
fi

# exec: the server is PID 1 and receives docker stop's signal itself.
exec "$@"
