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
# EDS with real keys (BPR §8, NDIP §24): without a configured key, a development PKI (root,
# intermediate, CRLs, the hub's and an NDIP system's keys, demo users) is issued into
# .local-stack/dev-pki and reused while it stays valid.
if [ -z "${EDS_KEY_FILE:-}" ]; then
  eval "$(node dist/tools/hub-dev-pki.js --out .local-stack/dev-pki --env)"
fi
PORT="${HTTP_PORT:-3000}"
# A bounded heap keeps the hub under 512 MB RSS while it ingests (V8 otherwise grows lazily toward
# a limit sized from the machine's memory) and a young generation of a fixed size (min = max) cuts
# garbage-collection time and the major collections that stalled searches (tools/support/run-node.ts);
# infra/PRODUCTION.md and the benchmark use the same flags.
node --max-old-space-size=256 --min-semi-space-size=48 --max-semi-space-size=48 dist/apps/hub/src/main.js &
HUB_PID=$!
trap 'kill -TERM $HUB_PID 2>/dev/null; wait $HUB_PID' INT TERM
for _ in $(seq 1 60); do
  if curl -fs "http://127.0.0.1:$PORT/health" >/dev/null; then break; fi
  kill -0 $HUB_PID 2>/dev/null || { echo "hub exited during start-up" >&2; exit 1; }
  sleep 1
done
# A mixed synthetic population across all five sources, then a few deliberately bad records.
node dist/tools/feeds-generate.js --entities "${DEMO_ENTITIES:-2000}" --seed "$(date +%s)"
DEMO_BIN="$(node dist/tools/demo-feed.js 20 | tee /dev/stderr | grep -o 'entities/[0-9]\{12\}' | head -n 1 | cut -d/ -f2)"
# The demo watchlists (UN SC consolidated list and AFM excerpts) for KYC screening.
node dist/tools/watchlists-publish.js --un demo/watchlists/un-consolidated-excerpt.xml --afm demo/watchlists/afm-excerpt.xml
# NDIP asks for KYC checks (NDIP §40.3), signed with the dev PKI's NDIP key: a registered BIN over
# Kafka, and a foreign investor whose beneficial owner is on the UN list through the SOAP door.
sleep 3
if [ -n "$DEMO_BIN" ]; then node dist/tools/ndip-kyc.js --bin "$DEMO_BIN" || true; fi
node dist/tools/ndip-kyc.js --soap --foreign '{"kind":"ORGANISATION","name":"Northern Lights Capital Ltd","country":"GB","beneficialOwners":[{"kind":"PERSON","name":"Хорошев Юрий Александрович","birthDate":"1968"}]}' || true
# NDIP's one-stop-shop sends one investment project's signed lifecycle facts; the hub answers with
# signed status events (NDIP §24, §42-§52), which the client verifies and prints.
node dist/tools/ndip-projects.js || true
# The portal demo: the dev PKI's demo company in the register, and how to log in with the demo keys.
node dist/tools/portal-demo.js || true
echo "Hub running (pid $HUB_PID). Ctrl-C stops it; 'npm run stack:down' stops Kafka and the registry."
wait $HUB_PID
