#!/usr/bin/env bash
# The fault suite's own stack: a Kafka KRaft broker, a PostgreSQL cluster and an Apicurio registry
# on ports and data dirs of their own, so the suite may kill and restart them. The shared stack
# (infra/stack.sh) is never touched. Usage: fault-stack.sh up|down|{start,stop,kill}-{kafka,pg,registry}|status
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="${STACK_DIR:-$ROOT/.local-stack}"
DIR="${FAULT_STACK_DIR:-/tmp/hub-faults}"
KAFKA_PORT="${FAULT_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${FAULT_KAFKA_CONTROLLER_PORT:-19093}"
REGISTRY_PORT="${FAULT_REGISTRY_PORT:-18081}"
PG_PORT="${FAULT_PG_PORT:-55432}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
KAFKA_LIBS="$STACK_DIR/kafka-libs"
APICURIO_JAR="$(ls "$STACK_DIR"/apicurio-*/apicurio-registry-app-*-runner.jar | head -n 1)"

log() { printf '[fault-stack] %s\n' "$*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
wait_for() { # name, seconds, command...
  local name="$1" secs="$2"; shift 2
  for _ in $(seq 1 "$secs"); do "$@" && return 0; sleep 1; done
  log "$name not ready within ${secs}s"; tail -n 30 "$DIR/$name.log" >&2 || true; return 1
}
pid_of() { [ -f "$DIR/$1.pid" ] && cat "$DIR/$1.pid" || true; }

start_pg() {
  mkdir -p "$DIR"; chmod 777 "$DIR"
  if [ ! -f "$DIR/pg/PG_VERSION" ]; then
    mkdir -p "$DIR/pg"; chown postgres "$DIR/pg" 2>/dev/null || true
    as_pg "$PG_BIN/initdb" -D "$DIR/pg" -U postgres -A trust >/dev/null
    cat >> "$DIR/pg/postgresql.conf" <<CONF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
max_connections = 300
fsync = off
full_page_writes = off
shared_buffers = 256MB
CONF
  fi
  port_open "$PG_PORT" && return 0
  touch "$DIR/pg.log"; chmod 666 "$DIR/pg.log"
  as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg.log" -w -t 60 start >/dev/null
}
stop_pg() { [ -f "$DIR/pg/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null || true; }

start_kafka() {
  port_open "$KAFKA_PORT" && return 0
  mkdir -p "$DIR/kafka-data"
  sed -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" \
      -e "s#@LOG_DIRS@#$DIR/kafka-data#g" "$ROOT/infra/kafka/server.properties.template" > "$DIR/server.properties"
  # After a kill -9 the broker checks every segment before it listens: two threads, not one.
  echo "num.recovery.threads.per.data.dir=2" >> "$DIR/server.properties"
  if [ ! -f "$DIR/kafka-data/meta.properties" ]; then
    java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -t "$(java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)" \
      -c "$DIR/server.properties" --ignore-formatted >/dev/null 2>&1
  fi
  ulimit -n 262144 2>/dev/null || true
  nohup java -Xms256m -Xmx768m -XX:+UseG1GC -Dlog4j.configuration="file:$ROOT/infra/kafka/log4j.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$DIR/server.properties" >> "$DIR/kafka.log" 2>&1 &
  echo $! > "$DIR/kafka.pid"
  wait_for kafka 600 port_open "$KAFKA_PORT"
}

registry_ready() { curl -fs "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7/subjects" >/dev/null; }
start_registry() {
  registry_ready && return 0
  mkdir -p "$DIR/registry"
  # H2 on a file: schema ids survive the registry's own restart (records in Kafka keep them), and
  # the registry does not depend on the PostgreSQL the suite restarts.
  APICURIO_STORAGE_KIND=sql APICURIO_STORAGE_SQL_KIND=h2 \
  APICURIO_DATASOURCE_URL="jdbc:h2:file:$DIR/registry/db" APICURIO_DATASOURCE_USERNAME=sa APICURIO_DATASOURCE_PASSWORD=sa \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$REGISTRY_PORT" QUARKUS_LOG_CONSOLE_LEVEL=WARN \
    nohup java -Xms128m -Xmx384m -jar "$APICURIO_JAR" >> "$DIR/registry.log" 2>&1 &
  echo $! > "$DIR/registry.pid"
  wait_for registry 300 registry_ready
  curl -fs -X PUT -H 'Content-Type: application/json' "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7/config" -d '{"compatibility":"BACKWARD"}' >/dev/null
}

# Only the processes this script started (their pid files), never by name.
kill_one() { # name signal
  local pid; pid="$(pid_of "$1")"
  [ -n "$pid" ] || return 0
  kill -"$2" "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$DIR/$1.pid"
}

case "${1:-}" in
  up) start_pg; start_kafka; start_registry; log "up: kafka 127.0.0.1:$KAFKA_PORT, registry :$REGISTRY_PORT, postgres :$PG_PORT ($DIR)" ;;
  down) kill_one registry TERM; kill_one kafka TERM; stop_pg ;;
  wipe) kill_one registry TERM; kill_one kafka TERM; stop_pg; rm -rf "$DIR" ;;
  start-pg) start_pg ;;
  stop-pg) stop_pg ;;
  start-kafka) start_kafka ;;
  stop-kafka) kill_one kafka TERM ;;
  kill-kafka) kill_one kafka 9 ;;
  start-registry) start_registry ;;
  stop-registry) kill_one registry TERM ;;
  status) for p in "$PG_PORT" "$KAFKA_PORT" "$REGISTRY_PORT"; do port_open "$p" && echo "$p up" || echo "$p down"; done ;;
  *) echo "usage: $0 up|down|wipe|start-X|stop-X|kill-kafka|status (X: pg, kafka, registry)" >&2; exit 2 ;;
esac
