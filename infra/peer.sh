#!/usr/bin/env bash
# The ingest peer for `npm run bench` (issue #16): Kafka Connect standalone and the Debezium JDBC
# sink, both from Maven Central, cached in the ignored .local-stack. The bench starts and stops the
# worker itself; this script only fetches.  Usage: infra/peer.sh fetch|paths
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK_DIR="${STACK_DIR:-$ROOT/.local-stack}"
DEBEZIUM_VERSION=3.5.0.Final
# The official plugin archive, unpacked unchanged: a plugin folder assembled from the connector's
# Maven dependencies fails at task start ("Jdk8Module not a subtype", clashing Jackson).
DEBEZIUM_URL="https://repo.maven.apache.org/maven2/io/debezium/debezium-connector-jdbc/$DEBEZIUM_VERSION/debezium-connector-jdbc-$DEBEZIUM_VERSION-plugin.tar.gz"
CONNECT_LIBS="$STACK_DIR/connect-libs"
PLUGIN_DIR="$STACK_DIR/connect-plugins"

log() { printf '[peer] %s\n' "$*" >&2; }

fetch() {
  mkdir -p "$STACK_DIR"
  if [ ! -f "$CONNECT_LIBS/.complete" ]; then
    log "fetching Kafka Connect jars from Maven Central"
    (cd "$ROOT/infra/peer" && mvn -q -B dependency:copy-dependencies -DoutputDirectory="$CONNECT_LIBS")
    touch "$CONNECT_LIBS/.complete"
  fi
  if [ ! -f "$PLUGIN_DIR/.complete-$DEBEZIUM_VERSION" ]; then
    log "fetching the Debezium JDBC sink $DEBEZIUM_VERSION plugin archive from Maven Central"
    rm -rf "$PLUGIN_DIR" && mkdir -p "$PLUGIN_DIR"
    curl -fsSL --retry 3 -o "$PLUGIN_DIR/plugin.tar.gz" "$DEBEZIUM_URL"
    expected="$(curl -fsSL --retry 3 "$DEBEZIUM_URL.sha1" | cut -c1-40)"
    actual="$(sha1sum "$PLUGIN_DIR/plugin.tar.gz" | cut -c1-40)"
    [ "$expected" = "$actual" ] || { log "checksum mismatch for the Debezium plugin archive"; exit 1; }
    tar xzf "$PLUGIN_DIR/plugin.tar.gz" -C "$PLUGIN_DIR" && rm "$PLUGIN_DIR/plugin.tar.gz"
    touch "$PLUGIN_DIR/.complete-$DEBEZIUM_VERSION"
  fi
}

case "${1:-}" in
  fetch) fetch ;;
  paths) printf 'CONNECT_LIBS=%s\nPLUGIN_DIR=%s\n' "$CONNECT_LIBS" "$PLUGIN_DIR" ;;
  *) echo "usage: $0 fetch|paths" >&2; exit 2 ;;
esac
