import { INPUT_KEYS, type InputCallOptions, inputNode } from "../runtime/modules/input-http/dsl.js";
import { OUTPUT_KEYS, type OutputCallOptions, outputNode } from "../runtime/modules/output-http/dsl.js";
import type { BrokerInputNode } from "./broker-ir.js";
import type { ApiNode, HttpOutputNode, InputNode, OutputNode } from "./ir.js";
import { dslMisuse } from "./misuse.js";
import type { SqlInputNode } from "./sql-ir.js";
import type { WebhookInputNode } from "./webhook-ir.js";

/** Every kind of source and target node an endpoint can carry. */
export type SourceNode = InputNode | WebhookInputNode | BrokerInputNode | SqlInputNode;
export type TargetNode = OutputNode;

declare const RECORD_TYPE: unique symbol;
declare const TARGET_TYPE: unique symbol;

/** An endpoint usable in `.from`: it carries the InputNode and, in types only, the record type. */
export interface InputEndpoint<Rec> {
  readonly kind: "endpoint";
  readonly input: SourceNode;
  readonly [RECORD_TYPE]?: (record: Rec) => Rec;
}

/** An endpoint usable in `.to`: it carries the OutputNode and, in types only, the target record type. */
export interface OutputEndpoint<Target> {
  readonly kind: "endpoint";
  readonly output: TargetNode;
  readonly [TARGET_TYPE]?: (record: Target) => Target;
}

/** What a call's options may hold, either end; `Api`'s signatures check them, `endpoint` checks the keys again at run time. */
export type CallOptions = InputCallOptions & OutputCallOptions;

const inputKeys: readonly string[] = INPUT_KEYS;
const outputKeys: readonly string[] = OUTPUT_KEYS;

function definedKeys(options: CallOptions): string[] {
  return Object.entries(options)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
}

/**
 * Builds the endpoint for one call. A `post` may serve as either end: it gets an input facet
 * unless an output-only option was given, and an output facet unless an input-only one was.
 */
export function endpoint(
  api: ApiNode,
  method: "GET" | HttpOutputNode["method"],
  path: string,
  options: CallOptions = {},
) {
  const keys = definedKeys(options);
  const canInput = method === "GET" || method === "POST";
  const canOutput = method !== "GET";
  const allowed = new Set([...(canInput ? inputKeys : []), ...(canOutput ? outputKeys : [])]);
  const unknown = keys.filter((key) => !allowed.has(key));
  if (unknown.length > 0) {
    throw dslMisuse(`${method} ${path}: unknown option ${unknown.join(", ")}; allowed: ${[...allowed].join(", ")}`);
  }
  const asInput = canInput && keys.every((key) => inputKeys.includes(key));
  const asOutput = canOutput && keys.every((key) => outputKeys.includes(key));
  return Object.freeze({
    kind: "endpoint" as const,
    ...(asInput ? { input: inputNode(api, method as InputNode["method"], path, options) } : {}),
    ...(asOutput ? { output: outputNode(api, method as HttpOutputNode["method"], path, options) } : {}),
  });
}

export function inputOf(value: { readonly input?: SourceNode }): SourceNode {
  if (value.input === undefined) {
    throw dslMisuse(
      ".from(...) needs a source endpoint: get(...), or post(...) without output options (batch, idempotency, responses, deadLetter)",
    );
  }
  return value.input;
}

export function outputOf(value: { readonly output?: TargetNode }): TargetNode {
  if (value.output === undefined) {
    throw dslMisuse(
      ".to(...) needs a target endpoint: post/put/patch/delete(...) without input options (records, pagination, body, schedule, incremental)",
    );
  }
  return value.output;
}
