#!/usr/bin/env bash
# `npm start`: the hub on the local stack with demo data flowing.
# Brings the stack up (or reuses it), builds, starts the hub (which creates topics, registers
# schemas and migrates), publishes a demo feed, and keeps the hub in the foreground until Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash infra/stack.sh up
npm run --silent build
# The migration owner and one login role per module (trust auth locally; passwords from
# <ROLE>_PASSWORD / <ROLE>_PASSWORD_FILE / DATABASE_SECRETS_DIR when set).
node dist/tools/db-roles.js
PORT="${HTTP_PORT:-3000}"
# A bounded heap keeps the hub under 512 MB RSS while it ingests (V8 otherwise grows lazily toward
# a limit sized from the machine's memory) and a larger young generation cuts garbage-collection time;
# infra/PRODUCTION.md and the benchmark use the same flags.
node --max-old-space-size=256 --max-semi-space-size=32 dist/apps/hub/src/main.js &
HUB_PID=$!
trap 'kill -TERM $HUB_PID 2>/dev/null; wait $HUB_PID' INT TERM
for _ in $(seq 1 60); do
  if curl -fs "http://127.0.0.1:$PORT/health" >/dev/null; then break; fi
  kill -0 $HUB_PID 2>/dev/null || { echo "hub exited during start-up" >&2; exit 1; }
  sleep 1
done
# A mixed synthetic population across all five sources, then a few deliberately bad records.
node dist/tools/feeds-generate.js --entities "${DEMO_ENTITIES:-2000}" --seed "$(date +%s)"
node dist/tools/demo-feed.js 20
echo "Hub running (pid $HUB_PID). Ctrl-C stops it; 'npm run stack:down' stops Kafka and the registry."
wait $HUB_PID
