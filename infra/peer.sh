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
# shellcheck source=infra/fetch-lib.sh
source "$ROOT/infra/fetch-lib.sh"

fetch() {
  mkdir -p "$STACK_DIR"
  fetch_maven_deps "$ROOT/infra/peer" "$CONNECT_LIBS" "Kafka Connect jars"
  fetch_checked_archive "$DEBEZIUM_URL" "$PLUGIN_DIR" "$PLUGIN_DIR/.complete-$DEBEZIUM_VERSION" "the Debezium JDBC sink $DEBEZIUM_VERSION plugin archive"
}

case "${1:-}" in
  fetch) fetch ;;
  paths) printf 'CONNECT_LIBS=%s\nPLUGIN_DIR=%s\n' "$CONNECT_LIBS" "$PLUGIN_DIR" ;;
  *) echo "usage: $0 fetch|paths" >&2; exit 2 ;;
esac
