/**
 * The source and target records' fields, read from OpenAPI specs: the artifact carries no schema,
 * so types, required-ness and enums come from here when the specs are given.
 */
import type { Connector } from "../../runtime/artifact/index.js";
import { isBrokerOutput } from "./broker-words.js";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import {
  type FieldRecord,
  flattenSchema,
  type LoadedSpec,
  loadSpec,
  type Operation,
  recordsOf,
  type Schema,
  unionView,
} from "../openapi/index.js";

export interface SpecOptions {
  sourceSpec?: string;
  /** `"GET /customers"`; default: the input's method and path. */
  sourceOp?: string;
  targetSpec?: string;
  /** `"POST /clients/batch"`; default: the output's method and path. */
  targetOp?: string;
  cwd?: string;
}

export interface SpecFields {
  label: string;
  fields: FieldRecord[];
}

function findOperation(spec: LoadedSpec, wanted: string, file: string): Operation {
  const [method = "", ...rest] = wanted.trim().split(/\s+/);
  const path = rest.join(" ");
  const found = spec.operations.find((o) => o.method === method.toLowerCase() && o.path === path);
  if (found) return found;
  const known = spec.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
  throw new CannectorsError(
    ErrorCodes.NOT_FOUND,
    `${wanted} is not an operation of ${file}; it has: ${known.join(", ")}`,
  );
}

/** Follows a dotted wrap (`data.items`) through object properties, then takes the array's items. */
function unwrap(schema: Schema, wrap: string | undefined, batched: boolean): Schema {
  let current = unionView(schema);
  for (const segment of wrap ? wrap.split(".") : []) {
    const next = current.properties?.[segment];
    if (!next) return current;
    current = unionView(next);
  }
  return batched && current.items ? unionView(current.items) : current;
}

async function load(file: string, cwd: string | undefined): Promise<LoadedSpec> {
  return loadSpec(file, cwd === undefined ? {} : { cwd });
}

export async function sourceFields(connector: Connector, options: SpecOptions): Promise<SpecFields | undefined> {
  if (!options.sourceSpec) return undefined;
  const spec = await load(options.sourceSpec, options.cwd);
  const { input } = connector;
  if (input.type !== "http" && input.type !== "webhook") return undefined;
  const wanted = options.sourceOp ?? `${input.type === "http" ? input.method : input.methods[0]} ${input.path}`;
  const operation = findOperation(spec, wanted, options.sourceSpec);
  if (input.type === "webhook") {
    // A webhook's records are what the sender posts: the request body, at `records` when set.
    if (!operation.requestBody)
      throw new CannectorsError(ErrorCodes.NOT_FOUND, `${wanted} in ${options.sourceSpec} takes no request body`);
    const record = unwrap(operation.requestBody.schema, input.records, false);
    return {
      label: `${wanted} of ${spec.title || options.sourceSpec}`,
      fields: flattenSchema(record, { mode: "write" }),
    };
  }
  const records = recordsOf(operation);
  if (!records) {
    throw new CannectorsError(ErrorCodes.NOT_FOUND, `${wanted} in ${options.sourceSpec} returns no array of records`);
  }
  return {
    label: `${wanted} of ${spec.title || options.sourceSpec}`,
    fields: flattenSchema(records.schema, { mode: "read" }),
  };
}

export async function targetFields(connector: Connector, options: SpecOptions): Promise<SpecFields | undefined> {
  if (!options.targetSpec) return undefined;
  const spec = await load(options.targetSpec, options.cwd);
  const { output } = connector;
  // A broker payload has no request schema to compare with (an AsyncAPI document would give one).
  if (isBrokerOutput(output)) return undefined;
  if (output.type !== "http") {
    throw new CannectorsError(
      ErrorCodes.CONFIG_INVALID,
      `--target-spec describes one HTTP output; this connector's output is a ${output.type} output (give each target its own contract)`,
    );
  }
  const wanted = options.targetOp ?? `${output.method} ${output.path}`;
  const operation = findOperation(spec, wanted, options.targetSpec);
  if (!operation.requestBody) {
    throw new CannectorsError(ErrorCodes.NOT_FOUND, `${wanted} in ${options.targetSpec} takes no request body`);
  }
  const record = unwrap(operation.requestBody.schema, output.batch?.wrap, output.batch !== undefined);
  return {
    label: `${wanted} of ${spec.title || options.targetSpec}`,
    fields: flattenSchema(record, { mode: "write" }),
  };
}
