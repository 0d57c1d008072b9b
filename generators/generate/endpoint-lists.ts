import { flattenSchema, type LoadedSpec, type Operation, recordsOf, unionView } from "../openapi/index.js";
import type { FieldRecord } from "../suggest/index.js";

/**
 * A record read from a list never holds writeOnly fields (passwords), and a body sent to a target
 * must not fill readOnly ones (the target's own `gid`, `created_at`): each side sees only its own.
 */
const READ = { mode: "read" } as const;
const WRITE = { mode: "write" } as const;

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

/** Flattened on first use: `--from`/`--to` never flatten the other 1,000 operations of a big spec. */
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
    found.push(withLazyFields({ operation, records: records.selector }, () => flattenSchema(records.schema, READ)));
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
        found.push(withLazyFields({ operation, arrayBody: false }, () => flattenSchema(body.schema, WRITE)));
      continue;
    }
    if (schema.types.includes("array") && schema.items) {
      found.push(withLazyFields({ operation, arrayBody: true }, () => flattenSchema(schema.items!, WRITE)));
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
        withLazyFields({ operation, wrap, arrayBody: false }, () =>
          flattenSchema(unionView(arraySchema).items!, WRITE),
        ),
      );
      continue;
    }
    if (properties.length > 0)
      found.push(withLazyFields({ operation, arrayBody: false }, () => flattenSchema(body.schema, WRITE)));
  }
  return found;
}

/** The body is sent as a form (`encoding: form`): only when the operation takes no JSON at all. */
export function isFormEncoded(contentType: string): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(contentType);
}

export function pathParams(operation: Operation): number {
  return (operation.path.match(/\{/g) ?? []).length;
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
