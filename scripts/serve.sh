#!/usr/bin/env bash
# Set up, build the widget (dist/), and serve it on http://127.0.0.1:${PORT:-8080}/
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/setup.sh
./scripts/build-wasm.sh
exec node scripts/serve.mjs
