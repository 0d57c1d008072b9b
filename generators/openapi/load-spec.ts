import { DocumentSet } from "./document-set.js";
import { displayLocation, documentKey, toLocationUrl } from "./location.js";
import type { LoadedSpec, SpecVersion } from "./model.js";
import { SchemaNormalizer } from "./normalize-schema.js";
import { isRecord } from "./pointer.js";
import { ProblemList } from "./problems.js";
import { readDocument } from "./read-document.js";
import { readOperations, readSecurityRequirements } from "./read-operations.js";
import { readSecuritySchemes } from "./read-security.js";
import { readServers } from "./read-servers.js";
import { ReaderContext } from "./reader-context.js";
import { convertSwagger2 } from "./swagger2.js";

export interface LoadSpecOptions {
  /** Base for a relative file path; default `process.cwd()`. */
  cwd?: string;
  /** Per-request limit when a document is fetched over http(s), in milliseconds; default 30 s. */
  timeoutMs?: number;
}

/**
 * Reads an OpenAPI 3.0 / 3.1 or Swagger 2.0 spec from a file or an http(s) URL, JSON or YAML, with every
 * `$ref` resolved (external files too, relative to the referring file or URL). Throws one
 * `CANNECTORS_E_SPEC_INVALID` listing every problem found, each as `file#/json/pointer: message`.
 */
export async function loadSpec(source: string, options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const rootHref = documentKey(toLocationUrl(source, options.cwd));
  const shown = displayLocation(rootHref);
  const raw = await readDocument(rootHref, options);
  const problems = new ProblemList();
  if (!isRecord(raw)) {
    problems.add(shown, "#", `a spec must be an object, got ${Array.isArray(raw) ? "an array" : typeof raw}`);
    problems.throwIfAny(shown);
  }
  const original = raw as Record<string, unknown>;
  const openapi = detectVersion(original);
  if (openapi === undefined) {
    problems.add(shown, "#/openapi", 'neither "openapi: 3.x" nor "swagger: 2.0"');
    problems.throwIfAny(shown);
  }
  const root = openapi === "2.0" ? convertSwagger2(original, shown, problems) : original;
  const documents = new DocumentSet(rootHref, root);
  await documents.loadExternal(problems, options);
  const ctx = new ReaderContext(documents, new SchemaNormalizer(documents, problems), problems);
  const warnings: string[] = [];
  const info = isRecord(root.info) ? root.info : {};
  const spec: LoadedSpec = {
    title: typeof info.title === "string" ? info.title : "",
    version: info.version === undefined ? "" : String(info.version),
    openapi: openapi as SpecVersion,
    servers: readServers(root, rootHref),
    securitySchemes: readSecuritySchemes(ctx, root, warnings),
    operations: readOperations(
      ctx,
      { value: root, href: rootHref, pointer: "#" },
      readSecurityRequirements(root.security),
    ),
    source: shown,
    warnings,
  };
  problems.throwIfAny(shown);
  return spec;
}

function detectVersion(doc: Record<string, unknown>): SpecVersion | undefined {
  if (typeof doc.openapi === "string") {
    if (doc.openapi.startsWith("3.0")) return "3.0";
    if (doc.openapi.startsWith("3.1") || doc.openapi.startsWith("3.2")) return "3.1";
  }
  if (String(doc.swagger) === "2.0") return "2.0";
  return undefined;
}
