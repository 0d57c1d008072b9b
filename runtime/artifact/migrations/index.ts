import { API_VERSION } from "../connector.js";

/**
 * Where format migrations live. When v2 ships, v1 documents are upgraded here, one step per
 * version, before validation: `{ from: "cannectors.dev/v1", to: "cannectors.dev/v2", migrate }`.
 * The runtime then only ever validates and runs the newest shape.
 */
export interface Migration {
  from: string;
  to: string;
  migrate(document: Record<string, unknown>): Record<string, unknown>;
}

export const MIGRATIONS: readonly Migration[] = [];

export const SUPPORTED_API_VERSIONS: readonly string[] = [API_VERSION, ...MIGRATIONS.map((m) => m.from)];

export type ApiVersionCheck = { ok: true; document: Record<string, unknown> } | { ok: false; message: string };

const VERSION_PATTERN = /^cannectors\.dev\/v(\d+)(alpha\d+|beta\d+)?$/;

export function migrateToCurrent(document: Record<string, unknown>): ApiVersionCheck {
  const apiVersion = document.apiVersion;
  if (typeof apiVersion !== "string") {
    return { ok: false, message: `apiVersion is required; this cannectors reads ${API_VERSION}` };
  }
  let current = document;
  for (let version = apiVersion; version !== API_VERSION; ) {
    const step = MIGRATIONS.find((m) => m.from === version);
    if (!step) return { ok: false, message: unsupportedMessage(version) };
    current = step.migrate(current);
    version = step.to;
  }
  return { ok: true, document: current };
}

function unsupportedMessage(version: string): string {
  const match = VERSION_PATTERN.exec(version);
  const supported = SUPPORTED_API_VERSIONS.join(", ");
  if (match && Number(match[1]) > 1) {
    return `apiVersion ${version} is newer than this cannectors understands (it reads ${supported}); upgrade cannectors`;
  }
  return `unknown apiVersion ${JSON.stringify(version)}; this cannectors reads ${supported}`;
}
