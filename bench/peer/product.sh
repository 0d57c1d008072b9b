#!/usr/bin/env bash
# One product run for the peer bench: MODE (batch|single) CLI (path to dist/cli/main.js).
# The harness gives SOURCE_URL and SINK_URL; each run gets a fresh state file, as a first sync would.
set -euo pipefail
mode=$1 cli=$2 here=$(cd "$(dirname "$0")" && pwd) dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed -e "s#http://peer-source.invalid#$SOURCE_URL#" -e "s#http://peer-sink.invalid#$SINK_URL#" "$here/connector.yaml" > "$dir/c.yaml"
if [ "$mode" = single ]; then
  sed -i -e 's#path: /clients/batch#path: /clients#' -e '/^  batch:$/,+1d' -e 's#concurrency: 8#concurrency: 32#' "$dir/c.yaml"
fi
exec node "$cli" run "$dir/c.yaml" --state "$dir/state.db"
