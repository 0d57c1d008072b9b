/**
 * Reading `openapi-typescript` output. Every type here indexes one path and one operation
 * directly (never a mapped type over all of `Paths`), so a 1000-operation spec costs no more
 * than a small one: only the operations a connector names are ever instantiated.
 */

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** The operation object of `Paths[P][M]`, or never when the spec leaves that method out. */
export type OperationOf<Paths, P, M extends HttpMethod> = P extends keyof Paths
  ? Exclude<Paths[P][M & keyof Paths[P]], undefined>
  : never;

/**
 * `P` when the spec defines method `M` on path `P`; otherwise a message, which becomes the
 * parameter type and so the text of the compiler's error.
 */
export type CheckedPath<Paths, P extends string, M extends HttpMethod> = P extends keyof Paths
  ? [OperationOf<Paths, P, M>] extends [never]
    ? `✖ method ${Uppercase<M>} is not defined for ${P} in the spec`
    : P
  : "✖ unknown path: use one of the spec's paths";

/**
 * The record type behind a path the spec lacks. A wrong path is reported once, at the path
 * argument (`CheckedPath`); typing its records `unknown` or `never` instead would add an error at
 * every `.map`/`.filter` lambda that reads them, burying the one that says what to fix.
 */
// biome-ignore lint/suspicious/noExplicitAny: the path is already an error; any stops the cascade
export type UnknownPathRecord = any;

/** `Known` when the spec defines method `M` on path `P`; otherwise `Unknown` (built on `UnknownPathRecord`). */
export type OnKnownPath<Paths, P, M extends HttpMethod, Known, Unknown> = [OperationOf<Paths, P, M>] extends [never]
  ? Unknown
  : Known;

type SuccessStatus = 200 | 201 | 202 | 203 | 206 | "200" | "201" | "202" | "203" | "206" | "2XX" | "2xx";

/** One decoded CSV row: the header's names, every value a string (`input.response.format: csv`). */
export type CsvRow = Readonly<Record<string, string>>;

/**
 * The JSON content of a response; without one, what the input decodes: CSV rows for `text/csv`,
 * an open record for XML (the spec's XML schema does not say how elements become fields).
 */
type JsonContent<Response> = Response extends { content: infer Content }
  ? [Extract<keyof Content, `${string}json${string}`>] extends [never]
    ? [Extract<keyof Content, `${string}csv${string}`>] extends [never]
      ? [Extract<keyof Content, `${string}xml${string}`>] extends [never]
        ? Content[Extract<keyof Content, AnyMediaType>]
        : UnknownPathRecord
      : readonly CsvRow[]
    : Content[Extract<keyof Content, `${string}json${string}`>]
  : never;

/**
 * A media range that does not name JSON but admits it (SalesLoft declares every response and body
 * as `*` + `/` + `*`): the input and output read and send JSON there, so the types are the schema's.
 */
type AnyMediaType = "*/*" | "application/*";

/** The JSON body of the operation's 2xx responses (decoded CSV rows or an open XML document without one). */
export type ResponseBody<Op> = Op extends { responses: infer Responses }
  ? JsonContent<Responses[Extract<keyof Responses, SuccessStatus>]>
  : never;

type PathParams<Op> = Op extends { parameters: { path?: infer Params } }
  ? [NonNullable<Params>] extends [never]
    ? unknown
    : NonNullable<Params>
  : unknown;

/** A form-only body (Stripe) is typed as its form schema: an output with `encoding: "form"` sends it. */
type RequestContent<Body> = Body extends { content: infer Content }
  ? [Extract<keyof Content, `${string}json${string}`>] extends [never]
    ? [Extract<keyof Content, "application/x-www-form-urlencoded">] extends [never]
      ? Content[Extract<keyof Content, AnyMediaType>]
      : Content[Extract<keyof Content, "application/x-www-form-urlencoded">]
    : Content[Extract<keyof Content, `${string}json${string}`>]
  : never;

/** The JSON request body of the operation (else its form body), or never when it takes none. */
export type JsonRequestBody<Op> = Op extends { requestBody?: infer Body } ? RequestContent<NonNullable<Body>> : never;

/**
 * What one record sent to this operation looks like: the JSON request body plus the path
 * parameters, since `{name}` placeholders in the path are filled from the record's fields.
 */
export type RequestRecord<Op> = [JsonRequestBody<Op>] extends [never]
  ? unknown extends PathParams<Op>
    ? // Neither a body nor path parameters in the spec: any JSON object the user sends.
      Record<string, unknown>
    : PathParams<Op>
  : unknown extends PathParams<Op>
    ? JsonRequestBody<Op>
    : JsonRequestBody<Op> & PathParams<Op>;

/** The path parameters an operation declares (`{ owner: string; repo: string }`), or never. */
export type PathParamsOf<Op> = Op extends { parameters: { path: infer Params } }
  ? [Params] extends [never]
    ? never
    : NonNullable<Params>
  : never;
