#!/usr/bin/env bash
# Local stack without Docker: Kafka (KRaft, single node) and Apicurio Registry (Confluent API),
# fetched from Maven Central into an ignored cache, plus the machine's PostgreSQL.
# Usage: infra/stack.sh fetch|up|down|status.  Reuses whatever is already running or cached.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK_DIR="${STACK_DIR:-$ROOT/.local-stack}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
REGISTRY_PORT="${REGISTRY_PORT:-8081}"
APICURIO_VERSION=3.0.9
# 3.1.x is not published on Maven Central; 3.0.9 is the newest 3.x that runs on Java 17.
APICURIO_URL="https://repo.maven.apache.org/maven2/io/apicurio/apicurio-registry-app/$APICURIO_VERSION/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz"
PG_HOST="${PGHOST:-127.0.0.1}"
PG_PORT="${PGPORT:-5432}"
PG_USER="${PGUSER:-postgres}"
REGISTRY_DB="${REGISTRY_DB:-hub_registry}"

KAFKA_LIBS="$STACK_DIR/kafka-libs"
KAFKA_DATA="$STACK_DIR/kafka-data"
APICURIO_DIR="$STACK_DIR/apicurio-$APICURIO_VERSION"
RUN_DIR="$STACK_DIR/run"

log() { printf '[stack] %s\n' "$*" >&2; }
# shellcheck source=infra/fetch-lib.sh
source "$ROOT/infra/fetch-lib.sh"
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

fetch() {
  mkdir -p "$STACK_DIR"
  fetch_maven_deps "$ROOT/infra/maven" "$KAFKA_LIBS" "Kafka jars"
  # The app's parent POM is missing from Central, so Maven cannot resolve it; fetch the
  # published archive directly and check it against Central's own checksum.
  fetch_checked_archive "$APICURIO_URL" "$APICURIO_DIR" "$APICURIO_DIR/.complete" "Apicurio Registry $APICURIO_VERSION"
}

wait_for() { # name, seconds, command...
  local name="$1" secs="$2"; shift 2
  for _ in $(seq 1 "$secs"); do
    if "$@"; then return 0; fi
    sleep 1
  done
  log "$name did not become ready within ${secs}s; see $RUN_DIR/$name.log"
  tail -n 30 "$RUN_DIR/$name.log" >&2 || true
  return 1
}

start_kafka() {
  if port_open "$KAFKA_PORT"; then log "Kafka already listening on $KAFKA_PORT"; return; fi
  mkdir -p "$KAFKA_DATA" "$RUN_DIR"
  sed -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" \
      -e "s#@LOG_DIRS@#$KAFKA_DATA#g" "$ROOT/infra/kafka/server.properties.template" > "$RUN_DIR/server.properties"
  if [ ! -f "$KAFKA_DATA/meta.properties" ]; then
    local cluster_id
    cluster_id="$(java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$RUN_DIR/server.properties" --ignore-formatted >/dev/null 2>&1
  fi
  log "starting Kafka on 127.0.0.1:$KAFKA_PORT"
  # Every test file provisions its own prefixed topics: a full test run holds thousands of
  # partitions, each with open segment files. Raise the open-file limit where we may (root can).
  ulimit -n 262144 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  nohup java -Xms256m -Xmx1g -XX:+UseG1GC \
    -Dlog4j.configuration="file:$ROOT/infra/kafka/log4j.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$RUN_DIR/server.properties" > "$RUN_DIR/kafka.log" 2>&1 &
  echo $! > "$RUN_DIR/kafka.pid"
}

registry_ready() { curl -fs "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7/subjects" >/dev/null; }

start_registry() {
  if registry_ready; then log "registry already serving on $REGISTRY_PORT"; return; fi
  mkdir -p "$RUN_DIR"
  # Registry state lives in PostgreSQL so schema ids survive restarts (records in Kafka keep them).
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
    "select 1 from pg_database where datname='$REGISTRY_DB'" | grep -q 1 ||
    psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "create database $REGISTRY_DB" >/dev/null
  log "starting Apicurio Registry on 127.0.0.1:$REGISTRY_PORT"
  APICURIO_STORAGE_KIND=sql APICURIO_STORAGE_SQL_KIND=postgresql \
  APICURIO_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$REGISTRY_DB" \
  APICURIO_DATASOURCE_USERNAME="$PG_USER" APICURIO_DATASOURCE_PASSWORD="${PGPASSWORD:-unused}" \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$REGISTRY_PORT" \
  QUARKUS_LOG_CONSOLE_LEVEL=WARN \
    nohup java -Xms128m -Xmx384m -jar "$APICURIO_DIR/apicurio-registry-app-$APICURIO_VERSION-runner.jar" \
    > "$RUN_DIR/registry.log" 2>&1 &
  echo $! > "$RUN_DIR/registry.pid"
}

configure_registry() {
  # @kafkajs/confluent-schema-registry reads /config/{subject}; Apicurio answers with the global
  # level, and NONE there makes the library refuse to register. BACKWARD is the catalog's policy.
  curl -fs -X PUT -H 'Content-Type: application/json' \
    "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7/config" -d '{"compatibility":"BACKWARD"}' >/dev/null
}

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }

up() {
  pg_ready || { log "PostgreSQL is not accepting connections on $PG_HOST:$PG_PORT"; exit 1; }
  fetch
  start_kafka
  start_registry
  wait_for kafka 90 port_open "$KAFKA_PORT"
  wait_for registry 90 registry_ready
  configure_registry
  log "stack up: kafka 127.0.0.1:$KAFKA_PORT, registry http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7, postgres $PG_HOST:$PG_PORT"
}

# A stack started from another checkout has its pid file there: fall back to the process itself.
PROCESS_PATTERN_kafka='kafka\.Kafka .*server\.properties'
PROCESS_PATTERN_registry='apicurio-registry-app-.*-runner\.jar'

stop_one() {
  local pidfile="$RUN_DIR/$1.pid" pattern_var="PROCESS_PATTERN_$1" pid=""
  [ -f "$pidfile" ] && pid="$(cat "$pidfile")"
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    pid="$(pgrep -f "${!pattern_var}" | head -n 1 || true)"
  fi
  [ -n "$pid" ] || { rm -f "$pidfile"; return 0; }
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  log "$1 stopped"
}

down() { stop_one registry; stop_one kafka; }

status() {
  port_open "$KAFKA_PORT" && echo "kafka: up ($KAFKA_PORT)" || echo "kafka: down"
  registry_ready && echo "registry: up ($REGISTRY_PORT)" || echo "registry: down"
  pg_ready && echo "postgres: up ($PG_HOST:$PG_PORT)" || echo "postgres: down"
}

case "${1:-}" in
  fetch) fetch ;;
  up) up ;;
  down) down ;;
  status) status ;;
  stop-kafka) stop_one kafka ;;
  stop-registry) stop_one registry ;;
  *) echo "usage: $0 fetch|up|down|status" >&2; exit 2 ;;
esac
