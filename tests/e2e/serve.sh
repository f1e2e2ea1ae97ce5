#!/usr/bin/env bash
# Serves the production build for the end-to-end tests: a fresh embedded database, or the
# PostgreSQL in DATABASE_URL, loaded with the demo and the test lots (tests/e2e/seed.ts).
set -euo pipefail
# The test environment: the production build, with a clock the tests may move forward.
export NODE_ENV=test
export NPLEX_TEST_CLOCK=1
export PORT="${E2E_PORT:-3210}"
export SESSION_SECRET="e2e-only-secret-that-is-long-enough-0123456789"
export LOG_LEVEL=warn
export DATA_DIR="$(mktemp -d -t nplex-e2e-XXXXXX)"
trap 'rm -rf "$DATA_DIR"' EXIT
node --import tsx tests/e2e/seed.ts
node --enable-source-maps build/main.js
