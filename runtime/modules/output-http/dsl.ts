// Authoring: the DSL of the HTTP output: its endpoint options and its node (../README.md).
import { compact, frozenCopy } from "../../../dsl/freeze.js";
import type { ApiNode, HeaderValues, HttpOutputNode, QueryValues } from "../../../dsl/ir.js";
import type { ArrayPaths, AtPath, ElementOf, JsonRequestBody, RequestRecord } from "../../../dsl/types/index.js";
import type { Duration } from "../../artifact/index.js";

/** A target call's options as its node holds them (`Api`'s signatures type them against the spec). */
export type OutputCallOptions = Partial<Omit<HttpOutputNode, "kind" | "type" | "api" | "method" | "path">>;

/** The options `.post`/`.put`/`.patch`/`.delete` accept as a target; any other option makes the call a source only. */
export const OUTPUT_KEYS = [
  "query",
  "headers",
  "batch",
  "encoding",
  "idempotency",
  "responses",
  "deadLetter",
  "timeout",
] as const satisfies readonly (keyof OutputCallOptions)[];

// As for the input: a field the schema gains must be a target option, or be left out of HttpOutputNode.
type _EveryOutputOptionListed = NeverOr<Exclude<keyof OutputCallOptions, (typeof OUTPUT_KEYS)[number]>>;
type NeverOr<Unlisted extends never> = Unlisted;

export function outputNode(
  api: ApiNode,
  method: HttpOutputNode["method"],
  path: string,
  options: OutputCallOptions,
): HttpOutputNode {
  const idempotency = options.idempotency;
  const copied = frozenCopy({ ...options, idempotency: undefined });
  return compact({
    kind: "output",
    type: "http",
    api,
    method,
    path,
    ...copied,
    idempotency: idempotency && compact({ header: idempotency.header, key: idempotency.key }),
  }) as HttpOutputNode;
}

/** With `wrap`, a key (or dotted path) of the request body that holds the array of records. */
export type BatchOption<RequestBody> = RequestBody extends readonly unknown[]
  ? { size: number; wrap?: undefined }
  : { size: number; wrap: ArrayPaths<RequestBody> };

/** The record type an output takes: one request body, or one element of a batch. */
export type TargetOf<Op, Batch> = Batch extends { wrap: infer Wrap extends string }
  ? ElementOf<AtPath<JsonRequestBody<Op>, Wrap>>
  : Batch extends { size: number }
    ? ElementOf<JsonRequestBody<Op>>
    : RequestRecord<Op>;

type StatusList = readonly (number | string)[];

/** Options of an output (`post`, `put`, `patch`, `delete` used in `.to`), typed against the request body. */
export interface OutputOptions<Target, Batch> {
  query?: QueryValues;
  headers?: HeaderValues;
  batch?: Batch;
  /** `form` sends `application/x-www-form-urlencoded` (Stripe-style `a[b]=v`); one record per request. */
  encoding?: "json" | "form";
  /** `key: (record) => value`, the record's stable key; lowered to CEL. */
  idempotency?: { header?: string; key: (record: Target) => unknown };
  responses?: { success?: StatusList; retry?: StatusList; rateLimited?: StatusList; fail?: StatusList };
  deadLetter?: { path: string };
  timeout?: Duration;
}
