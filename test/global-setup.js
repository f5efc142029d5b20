// Starts (or reuses) the real local stack before integration tests. Never skips: if Kafka, the
// registry or PostgreSQL cannot be reached, the whole run fails with the stack script's message.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
module.exports = async () => {
  if (process.env.HUB_TEST_EXTERNAL_STACK === 'true') return; // pointed at an existing stack by env
  execFileSync('bash', [path.join(__dirname, '..', 'infra', 'stack.sh'), 'up'], { stdio: 'inherit' });
};
