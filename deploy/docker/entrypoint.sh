#!/bin/sh
# The image's entry point. `serve` (the default) serves every connector in $CANNECTORS_CONNECTORS on
# all interfaces with JSON logs; any other arguments are a cannectors command (`run FILE`, `validate
# FILE`, `executions list`...). `exec` replaces the shell with node, so SIGTERM reaches serve itself
# and starts its graceful drain (docs/serve.md); run the container with an init (compose `init: true`).
set -eu
app=${CANNECTORS_APP:-$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)}
if [ "${1:-serve}" = serve ]; then
  [ "$#" -gt 0 ] && shift
  exec node "$app/dist/cli/main.js" serve "${CANNECTORS_CONNECTORS:-/connectors}" \
    --host "${CANNECTORS_HOST:-0.0.0.0}" --port "${CANNECTORS_PORT:-8080}" --log-format json --no-watch "$@"
fi
exec node "$app/dist/cli/main.js" "$@"
