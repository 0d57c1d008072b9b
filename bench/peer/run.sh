#!/usr/bin/env bash
# The independent peer bench (../shared/peer-bench) against this checkout's build, as a black box:
#   bash bench/peer/run.sh                 # ROUNDS=5 N=100000 by default
#   CLI=/other/checkout/dist/cli/main.js bash bench/peer/run.sh   # measure another build
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
peer=${PEER_BENCH:-$root/../shared/peer-bench}
[ -f "$peer/run.sh" ] || { echo "peer bench not found at $peer (set PEER_BENCH)" >&2; exit 2; }
cli=${CLI:-$root/dist/cli/main.js}
export PRODUCT_BATCH="bash $here/product.sh batch $cli" PRODUCT_SINGLE="bash $here/product.sh single $cli"
exec bash "$peer/run.sh"
