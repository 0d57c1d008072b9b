import type { GlobalContext, OpenAPI3, OpenAPITSOptions } from "openapi-typescript";

type Json = Record<string, unknown>;
type OpenapiTypescript = typeof import("openapi-typescript");

/**
 * openapi-typescript's options for every path. `defaultNonNullable` is off: with it, a property that
 * has a `default` becomes required wherever its component schema is used, request bodies included
 * (Xero's `Contact.HasAttachments`), so a generated mapping that rightly leaves it out to the server
 * would not type-check.
 */
export const OPENAPI_TS_OPTIONS = { silent: true, defaultNonNullable: false } as const satisfies OpenAPITSOptions;

/**
 * openapi-typescript spends most of its time in Redocly: parse, lint (rules that only validate)
 * and bundle (which only matters for external refs). A document already parsed, with every
 * `$ref` internal and unique operationIds, needs none of that: it goes straight to
 * openapi-typescript's own transform, with the context `openapiTS()` builds from its defaults.
 * A test compares both paths' output on every spec fixture, so an upgrade that changes the
 * defaults is caught. Anything else returns undefined and takes the full path.
 */
export function transformParsed(
  document: Json,
  lib: OpenapiTypescript,
): ReturnType<typeof lib.transformSchema> | undefined {
  if (!isSelfContained(document)) return undefined;
  const schema = document as unknown as OpenAPI3;
  const options: OpenAPITSOptions = OPENAPI_TS_OPTIONS;
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: OPENAPI_TS_OPTIONS.defaultNonNullable,
    discriminators: lib.scanDiscriminators(schema, options),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // Read only by Redocly, which this path skips.
    redoc: undefined as unknown as GlobalContext["redoc"],
    silent: true,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => lib.resolveRef(schema, $ref, { silent: true }),
  };
  return lib.transformSchema(schema, ctx);
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Every `$ref` points inside the document, and no operationId is used twice (Redocly's lint would refuse it). */
export function isSelfContained(document: Json): boolean {
  const version = String(document.openapi ?? "");
  if (!/^3\.[01]\./.test(version) && version !== "3.0" && version !== "3.1") return false;
  const seen = new Set<string>();
  for (const item of Object.values(asObject(document.paths))) {
    for (const [method, operation] of Object.entries(asObject(item))) {
      const id = asObject(operation).operationId;
      if (!METHODS.has(method) || typeof id !== "string") continue;
      if (seen.has(id)) return false;
      seen.add(id);
    }
  }
  return refsAreInternal(document);
}

function refsAreInternal(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(refsAreInternal);
  if (value === null || typeof value !== "object") return true;
  for (const [key, child] of Object.entries(value)) {
    if (key === "$ref" && typeof child === "string" && !child.startsWith("#")) return false;
    if (!refsAreInternal(child)) return false;
  }
  return true;
}

function asObject(value: unknown): Json {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}
