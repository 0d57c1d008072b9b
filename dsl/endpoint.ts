import type { BrokerInputNode, BrokerOutputNode } from "./broker-ir.js";
import { compact, frozenCopy } from "./freeze.js";
import type { ApiNode, InputNode, Lambda, OutputNode } from "./ir.js";
import { dslMisuse } from "./misuse.js";
import type { WebhookInputNode } from "./webhook-ir.js";

/** Every kind of source and target node an endpoint can carry. */
export type SourceNode = InputNode | WebhookInputNode | BrokerInputNode;
export type TargetNode = OutputNode | BrokerOutputNode;

declare const RECORD_TYPE: unique symbol;
declare const TARGET_TYPE: unique symbol;

/** An endpoint usable in `.from`: it carries the InputNode and, in types only, the record type. */
export interface InputEndpoint<Rec> {
  readonly kind: "endpoint";
  readonly input: InputNode | WebhookInputNode | BrokerInputNode;
  readonly [RECORD_TYPE]?: (record: Rec) => Rec;
}

/** An endpoint usable in `.to`: it carries the OutputNode and, in types only, the target record type. */
export interface OutputEndpoint<Target> {
  readonly kind: "endpoint";
  readonly output: OutputNode | BrokerOutputNode;
  readonly [TARGET_TYPE]?: (record: Target) => Target;
}

const INPUT_KEYS = [
  "pathParams",
  "query",
  "headers",
  "body",
  "records",
  "response",
  "pagination",
  "schedule",
  "timezone",
  "incremental",
  "timeout",
];
const OUTPUT_KEYS = ["query", "headers", "batch", "encoding", "idempotency", "responses", "deadLetter", "timeout"];

type Options = Readonly<Record<string, unknown>>;

function inputNode(api: ApiNode, method: InputNode["method"], path: string, options: Options): InputNode {
  return compact({ kind: "input", type: "http", api, method, path, ...frozenCopy(options) }) as InputNode;
}

function outputNode(api: ApiNode, method: OutputNode["method"], path: string, options: Options): OutputNode {
  const idempotency = options.idempotency as { header?: string; key: Lambda } | undefined;
  const copied = frozenCopy({ ...options, idempotency: undefined });
  return compact({
    kind: "output",
    type: "http",
    api,
    method,
    path,
    ...copied,
    idempotency: idempotency && compact({ header: idempotency.header, key: idempotency.key }),
  }) as OutputNode;
}

function definedKeys(options: Options): string[] {
  return Object.keys(options).filter((key) => options[key] !== undefined);
}

/**
 * Builds the endpoint for one call. A `post` may serve as either end: it gets an input facet
 * unless an output-only option was given, and an output facet unless an input-only one was.
 */
export function endpoint(api: ApiNode, method: "GET" | OutputNode["method"], path: string, options: Options = {}) {
  const keys = definedKeys(options);
  const canInput = method === "GET" || method === "POST";
  const canOutput = method !== "GET";
  const allowed = new Set([...(canInput ? INPUT_KEYS : []), ...(canOutput ? OUTPUT_KEYS : [])]);
  const unknown = keys.filter((key) => !allowed.has(key));
  if (unknown.length > 0) {
    throw dslMisuse(`${method} ${path}: unknown option ${unknown.join(", ")}; allowed: ${[...allowed].join(", ")}`);
  }
  const asInput = canInput && keys.every((key) => INPUT_KEYS.includes(key));
  const asOutput = canOutput && keys.every((key) => OUTPUT_KEYS.includes(key));
  return Object.freeze({
    kind: "endpoint" as const,
    ...(asInput ? { input: inputNode(api, method as InputNode["method"], path, options) } : {}),
    ...(asOutput ? { output: outputNode(api, method as OutputNode["method"], path, options) } : {}),
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
