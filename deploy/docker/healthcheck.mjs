#!/usr/bin/env node
// The image's HEALTHCHECK: exit 0 when `serve` answers 200 on /healthz (or /readyz with --ready),
// 1 otherwise. No dependency and no shell tool: the runtime image has neither curl nor wget.
const port = process.env.CANNECTORS_PORT ?? "8080";
const path = process.argv.includes("--ready") ? "/readyz" : "/healthz";
const url = `http://127.0.0.1:${port}${path}`;
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (response.status === 200) process.exit(0);
  console.error(`${url} answered ${response.status}`);
} catch (error) {
  console.error(`${url}: ${error instanceof Error ? error.message : String(error)}`);
}
process.exit(1);
