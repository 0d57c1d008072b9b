#!/usr/bin/env bash
# The peer job's cost in instructions (valgrind callgrind), which the machine's load does not move:
# the hand-written baseline of ../shared/peer-bench and each build given, each run once on N records
# and once on 100 (start-up), against the peer servers. Prints instructions per run and per record
# above start-up ((N run - 100 run) / (N - 100)), and each build's ratio to the baseline.
#   bash bench/peer/instructions.sh [CLI ...]        # default: this checkout's dist/cli/main.js
#   N=20000 MODE=single bash bench/peer/instructions.sh dist/cli/main.js /other/dist/cli/main.js
# Under callgrind a run is ~50x slower: 20,000 records take a few minutes per program on a quiet core.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
peer=${PEER_BENCH:-$root/../shared/peer-bench}
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
[ -f "$peer/servers.mjs" ] || { echo "peer bench not found at $peer (set PEER_BENCH)" >&2; exit 2; }
N=${N:-20000} MODE=${MODE:-batch} PORT=${PORT:-3191}
[ $# -gt 0 ] || set -- "$root/dist/cli/main.js"
work=$(mktemp -d)
# The peer's servers and baseline need its undici: a copy with its dependencies when it has none.
if [ ! -d "$peer/node_modules/undici" ]; then cp -r "$peer/." "$work/peer"; (cd "$work/peer" && npm ci --no-audit --no-fund >/dev/null); peer=$work/peer; fi
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
start() { # size, source port, sink port
  TOTAL=$1 node "$peer/servers.mjs" source --port "$2" 2>/dev/null & pids+=($!)
  node "$peer/servers.mjs" sink --port "$3" 2>/dev/null & pids+=($!)
}
start 100 "$PORT" $((PORT + 1)); start "$N" $((PORT + 2)) $((PORT + 3))
for port in "$PORT" $((PORT + 1)) $((PORT + 2)) $((PORT + 3)); do
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/stats" >/dev/null && break; sleep 0.1; done
done
batch=100; [ "$MODE" = single ] && batch=1
instructions() { # label, size, command...
  local label=$1 size=$2; shift 2
  local src=$PORT; [ "$size" = 100 ] || src=$((PORT + 2))
  export SOURCE_URL=http://127.0.0.1:$src SINK_URL=http://127.0.0.1:$((src + 1))
  curl -sf -X POST "$SINK_URL/reset" >/dev/null
  # product.sh is bash that execs node: children are traced, and each process's count is summed.
  valgrind --tool=callgrind --trace-children=yes --callgrind-out-file=/dev/null "$@" >"$work/out" 2>&1 ||
    { tail -5 "$work/out" >&2; exit 1; }
  grep -oP 'Collected : \K[0-9]+' "$work/out" | awk '{ sum += $1 } END { print sum }'
}
row() { # label, command...
  local label=$1; shift
  local small large
  small=$(instructions "$label" 100 "$@"); large=$(instructions "$label" "$N" "$@")
  echo "$label $small $large $(( (large - small) / (N - 100) ))"
}
{
  row "baseline" node "$peer/baseline.mjs" --batch "$batch" --concurrency 8
  for cli in "$@"; do row "$cli" bash "$here/product.sh" "$MODE" "$cli"; done
} | awk -v n="$N" -v mode="$MODE" '
  BEGIN { printf "peer job, %s mode, instructions (callgrind)\n%-50s %14s %14s %12s %s\n", mode, "program", "100 records", n " records", "per record", "baseline/this" }
  { if (NR == 1) base = $4; printf "%-50s %14d %14d %12d %.3f\n", $1, $2, $3, $4, base / $4 }'
