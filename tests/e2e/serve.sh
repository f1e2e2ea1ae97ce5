#!/usr/bin/env bash
# Serves the production build for the end-to-end tests: a fresh embedded database with the demo
# data, or the PostgreSQL in DATABASE_URL (seeded first if empty).
set -euo pipefail
export NODE_ENV=production
export PORT="${E2E_PORT:-3210}"
export SESSION_SECRET="e2e-only-secret-that-is-long-enough-0123456789"
export LOG_LEVEL=warn
export DATA_DIR="$(mktemp -d -t nplex-e2e-XXXXXX)"
trap 'rm -rf "$DATA_DIR"' EXIT
if [ -n "${DATABASE_URL:-}" ]; then
  node --import tsx db/seed.ts
fi
node --enable-source-maps build/main.js
