import type { Duration, ValuePlace } from "../runtime/artifact/index.js";
import type { ConfigValue, StringValue } from "./ir.js";
import type { Pagination } from "./pagination.js";
import type { ArrayPaths, AtPath, ElementOf, JsonRequestBody, RequestRecord, ScalarPaths } from "./types/index.js";

export type QueryValues = Readonly<Record<string, StringValue | number | boolean>>;
export type HeaderValues = Readonly<Record<string, StringValue>>;

/** The record type an input yields: the elements of the array at `records`, or of the body itself. */
export type RecordOf<Body, Records> = [Records] extends [string] ? ElementOf<AtPath<Body, Records>> : ElementOf<Body>;

/**
 * `pathParams` for a path with `{name}` placeholders: every parameter the spec declares, each a
 * value of its type, `env("NAME")` or a `text` template (not a secret: a path is shown in logs).
 */
export type PathParamsOption<Params> = [Params] extends [never]
  ? { pathParams?: undefined }
  : { pathParams: { readonly [K in keyof Params]-?: Extract<Params[K], string | number> | ConfigValue } };

/** `response`: the page format and its options (the artifact's `input.response`, defaults optional). */
export interface ResponseFormatOptions {
  format?: "json" | "csv" | "xml";
  csv?: { delimiter?: string; quote?: string };
  /** `lists`: paths, relative to a record, of elements that are always lists. */
  xml?: { lists?: readonly string[] };
}

/** Options of an input (`get`, or `post` used in `.from`), typed against the response body. */
export interface InputOptions<Body, Rec> {
  query?: QueryValues;
  headers?: HeaderValues;
  pagination?: Pagination<Body>;
  /** CRON expression (5 or 6 fields) for `cannectors serve`. */
  schedule?: string;
  timezone?: string;
  incremental?: {
    /** A field (or dotted path) of the record: its value on the last record delivered is the cursor. */
    cursorField: ScalarPaths<Rec>;
    /** A query parameter, or with `in: "body"` a dotted path into the JSON request body. */
    param: string;
    initialValue?: string;
    in?: ValuePlace;
    /** With `in: "body"`: the cursor as a JSON string (default) or a JSON number with the saved digits. */
    as?: "string" | "number";
  };
  /** How pages are decoded: `format` json, csv or xml (absent: from the Content-Type), with CSV and XML options. */
  response?: ResponseFormatOptions;
  timeout?: Duration;
}

/** `records`: where the array sits in the body. Required unless the body itself is the array. */
export type RecordsOption<Body, Records> = Body extends readonly unknown[]
  ? { records?: Records }
  : { records: [Records] extends [string] ? Records : ArrayPaths<Body> };

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

/** `post` used as a source: lists through a search body. */
export interface SearchOptions<Body, Rec, RequestBody> extends InputOptions<Body, Rec> {
  body?: RequestBody;
}
