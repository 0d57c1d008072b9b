import { flattenSchema, type LoadedSpec, type Operation, recordsOf, unionView } from "../openapi/index.js";
import { type FieldRecord, suggestMappings } from "../suggest/index.js";

export interface SourceEndpoint {
  operation: Operation;
  records: string;
  fields: FieldRecord[];
}

export interface TargetEndpoint {
  operation: Operation;
  /** Set when the body wraps an array of records (`{ clients: [...] }`): batch mode with that wrap. */
  wrap?: string;
  /** The body is itself an array of records: batch mode without a wrap. */
  arrayBody: boolean;
  fields: FieldRecord[];
}

export interface EndpointPair {
  source: SourceEndpoint;
  target: TargetEndpoint;
  /** How well the source can fill the target, in [0, 1]: mean best confidence, required fields counted twice. */
  fit: number;
  /** Target fields with a candidate at 0.5 or more: a pair that fills two fields well is no better than one that fills twenty. */
  strong: number;
}

/** Flattening every operation of a 1,000-operation spec costs seconds; only the ones ranked are flattened. */
function withLazyFields<T extends object>(
  endpoint: T,
  flatten: () => FieldRecord[],
): T & { readonly fields: FieldRecord[] } {
  let fields: FieldRecord[] | undefined;
  return Object.defineProperty(endpoint, "fields", { get: () => (fields ??= flatten()), enumerable: true }) as T & {
    readonly fields: FieldRecord[];
  };
}

export function label(operation: Operation): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

/** List operations returning arrays of objects, fewest path parameters first. */
export function sourceEndpoints(spec: LoadedSpec): SourceEndpoint[] {
  const found: SourceEndpoint[] = [];
  for (const operation of spec.operations) {
    if (operation.method !== "get" || operation.deprecated) continue;
    const records = recordsOf(operation);
    if (!records) continue;
    found.push(withLazyFields({ operation, records: records.selector }, () => flattenSchema(records.schema)));
  }
  return found.sort(
    (a, b) => pathParams(a.operation) - pathParams(b.operation) || a.operation.path.length - b.operation.path.length,
  );
}

/** Create or update operations taking a JSON object (or an array of them). */
export function targetEndpoints(spec: LoadedSpec): TargetEndpoint[] {
  const found: TargetEndpoint[] = [];
  for (const operation of spec.operations) {
    if (!["post", "put", "patch"].includes(operation.method) || operation.deprecated) continue;
    // A token endpoint takes a body but is never where records go.
    if (/\/(oauth2?|token)(\/|$)/i.test(operation.path)) continue;
    const body = operation.requestBody;
    // Form-encoded bodies (Stripe) are ranked too: the output sends them with `encoding: form`.
    if (!body || !/json|x-www-form-urlencoded/i.test(body.contentType)) continue;
    const schema = unionView(body.schema);
    // A form body is one record: never a batch, whatever its shape.
    if (isFormEncoded(body.contentType)) {
      if (Object.keys(schema.properties ?? {}).length > 0)
        found.push(withLazyFields({ operation, arrayBody: false }, () => flattenSchema(body.schema)));
      continue;
    }
    if (schema.types.includes("array") && schema.items) {
      found.push(withLazyFields({ operation, arrayBody: true }, () => flattenSchema(schema.items!)));
      continue;
    }
    const properties = Object.entries(schema.properties ?? {});
    const arrays = properties.filter(([, s]) => {
      const view = unionView(s);
      return view.types.includes("array") && view.items !== undefined && unionView(view.items).properties !== undefined;
    });
    if (properties.length === 1 && arrays.length === 1) {
      const [wrap, arraySchema] = arrays[0]!;
      found.push(
        withLazyFields({ operation, wrap, arrayBody: false }, () => flattenSchema(unionView(arraySchema).items!)),
      );
      continue;
    }
    if (properties.length > 0)
      found.push(withLazyFields({ operation, arrayBody: false }, () => flattenSchema(body.schema)));
  }
  return found;
}

/** The body is sent as a form (`encoding: form`): only when the operation takes no JSON at all. */
export function isFormEncoded(contentType: string): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(contentType);
}

function pathParams(operation: Operation): number {
  return (operation.path.match(/\{/g) ?? []).length;
}

export function fitOf(source: SourceEndpoint, target: TargetEndpoint): { fit: number; strong: number } {
  // Ranking needs a fair estimate, not every field: big records (GitHub's issue: 400 leaves) are cut
  // to their shallow fields, and targets to required fields plus a few optional ones.
  const sourceFields = source.fields.filter((f) => f.path.split(".").length <= 2).slice(0, 120);
  const targetFields = [
    ...target.fields.filter((f) => f.required),
    ...target.fields.filter((f) => !f.required).slice(0, 25),
  ];
  const suggestions = suggestMappings(sourceFields, targetFields, {
    maxCandidates: 1,
    context: contextOf(source, target),
  });
  let total = 0;
  let weight = 0;
  let strong = 0;
  for (const suggestion of suggestions) {
    const field = target.fields.find((f) => f.path === suggestion.target);
    const w = field?.required ? 2 : 1;
    const best = suggestion.candidates[0]?.confidence ?? 0;
    total += w * best;
    weight += w;
    if (best >= 0.5) strong++;
  }
  return { fit: weight === 0 ? 0 : total / weight, strong };
}

/** Ranking score: the fit, scaled by how many fields it fills (log, so breadth helps but cannot buy a poor fit). */
export function pairScore(pair: Pick<EndpointPair, "fit" | "strong">): number {
  return pair.fit * Math.log2(1 + pair.strong);
}

/** The best source × target pairs; only the first few of each side are scored, so big specs stay fast. */
export function rankPairs(
  sourceSpec: LoadedSpec,
  targetSpec: LoadedSpec,
  limits = { sources: 8, targets: 12 },
): EndpointPair[] {
  const sources = sourceEndpoints(sourceSpec).slice(0, limits.sources);
  const targets = targetEndpoints(targetSpec).slice(0, limits.targets);
  const pairs: EndpointPair[] = [];
  for (const source of sources) for (const target of targets) pairs.push({ source, target, ...fitOf(source, target) });
  return pairs.sort(
    (a, b) => pairScore(b) - pairScore(a) || label(a.source.operation).localeCompare(label(b.source.operation)),
  );
}

/** `"GET /customers"` → the operation, or undefined. */
export function findOperation<T extends { operation: Operation }>(
  endpoints: readonly T[],
  wanted: string,
): T | undefined {
  const [method, ...rest] = wanted.trim().split(/\s+/);
  const path = rest.join(" ");
  return endpoints.find((e) => e.operation.method === method?.toLowerCase() && e.operation.path === path);
}

const ACTION_SEGMENTS = new Set(["batch", "bulk", "search", "create", "import", "upsert", "list", "query"]);

/** The resource an operation's records are: the last literal path segment that is not an action (`/clients/batch` → clients). */
export function resourceOf(path: string): string {
  const literal = path
    .split("/")
    .filter((s) => s !== "" && !s.startsWith("{") && !ACTION_SEGMENTS.has(s.toLowerCase()));
  return literal[literal.length - 1] ?? "";
}

export function contextOf(source: SourceEndpoint, target: TargetEndpoint) {
  return { sourceResource: resourceOf(source.operation.path), targetResource: resourceOf(target.operation.path) };
}
