#!/usr/bin/env bash
# One product run for the peer bench: MODE (batch|single) CLI (path to dist/cli/main.js).
# The harness gives SOURCE_URL and SINK_URL; each run gets a fresh state file, as a first sync would.
set -euo pipefail
mode=$1 cli=$2 here=$(cd "$(dirname "$0")" && pwd) dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed -e "s#http://peer-source.invalid#$SOURCE_URL#" -e "s#http://peer-sink.invalid#$SINK_URL#" "$here/connector.yaml" > "$dir/c.yaml"
# Single mode keeps concurrency 8: the peer baseline has 8 POSTs in flight, unpipelined, in both modes
# (32 was our own bench's 8 connections x 4 pipelined; with 32 the same job took ~18% more
# instructions per record under callgrind, more connections each carrying fewer responses per read).
if [ "$mode" = single ]; then
  sed -i -e 's#path: /clients/batch#path: /clients#' -e '/^  batch:$/,+1d' "$dir/c.yaml"
fi
exec node "$cli" run "$dir/c.yaml" --state "$dir/state.db"
