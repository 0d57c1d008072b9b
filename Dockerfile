# syntax=docker/dockerfile:1
# Cannectors worker image: `serve` by default, any cannectors command otherwise (see docs/deploy.md).
# Offline build: every package comes from package-lock.json through the npm registry; nothing else
# is downloaded (better-sqlite3 compiles from source when its prebuilt binary cannot be fetched).

FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Keep what `npm pack` would publish (the package's "files"), production dependencies only.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && mkdir -p /app \
 && cp -r package.json node_modules schema docs SECURITY.md /app/ \
 && cp -r --parents examples/demo-apis/crm/openapi.yaml examples/demo-apis/erp/openapi.yaml /app/ \
 && mkdir -p /app/deploy/docker && cp deploy/docker/entrypoint.sh deploy/docker/healthcheck.mjs /app/deploy/docker/ \
 && cp -r dist /app/dist \
 && find /app/dist \( -name '*.test.*' -o -name '*.map' -o -name '*test-support*' -o -name '*-harness*' \) -delete

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    CANNECTORS_STATE=/var/lib/cannectors/state.db \
    CANNECTORS_CONNECTORS=/connectors \
    CANNECTORS_PORT=8080
# Files are root's and read-only to the process; it writes only under /var/lib/cannectors (state,
# dead letters) and /tmp, so the container runs with a read-only root filesystem.
COPY --from=build /app /app
RUN mkdir -p /var/lib/cannectors /connectors && chown node:node /var/lib/cannectors
WORKDIR /var/lib/cannectors
USER node
VOLUME ["/var/lib/cannectors"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "/app/deploy/docker/healthcheck.mjs"]
ENTRYPOINT ["/app/deploy/docker/entrypoint.sh"]
CMD ["serve"]
