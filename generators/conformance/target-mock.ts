import { Hono } from "hono";
import type { HttpOutput } from "../../runtime/artifact/index.js";
import { findOperation, requestSchema, responseSchema } from "../../runtime/contract/operation.js";
import type { SchemaNode, Spec } from "../../runtime/contract/spec.js";
import { schemaCheckOf } from "../../runtime/contract/target-contract.js";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import { getPath, type JsonRecord } from "../../runtime/json/index.js";
import { seededRandom } from "../../runtime/net/seeded-random.js";
import { listen } from "../../examples/demo-apis/listen.js";
import { decodeForm, type FormCheck, formCheckOf, formRequestSchema } from "./form-body.js";
import { type Fault, faultResponse, type MockRequest, tokenResponse } from "./mock-http.js";
import { sampleValue } from "./sample-values.js";

export interface TargetMockOptions {
  /** Records the target refuses with a 4xx whenever they are in a request (a batch with one is refused whole). */
  rejects?: (record: unknown) => boolean;
  faults?: Fault[];
  tokenPaths?: string[];
}

/** A record the target accepted, with the request it came in. */
export interface Arrival {
  record: unknown;
  request: number;
  idempotencyKey: string | undefined;
}

/** A request whose body the target operation's request schema refused. */
export interface Violation {
  request: number;
  problems: string[];
}

export interface TargetMock {
  url: string;
  arrivals: Arrival[];
  violations: Violation[];
  /** Every write request, faulted and refused ones included. */
  requests: MockRequest[];
  close(): Promise<void>;
}

/**
 * The target API of the spec: checks each body of the output's operation against its request schema
 * (ajv, as `output.contract` does; a form body decoded and coerced to its form schema's types), refuses chosen records with the operation's own 4xx, keeps the rest.
 */
export async function startTargetMock(spec: Spec, output: HttpOutput, options: TargetMockOptions): Promise<TargetMock> {
  const operationName = `${output.method} ${output.path}`;
  const operation = findOperation(spec, operationName);
  const form = output.encoding === "form";
  const schema = form ? formRequestSchema(spec, output.path, operation) : requestSchema(spec, operation);
  if (!schema)
    throw new CannectorsError(
      ErrorCodes.CONTRACT,
      `${spec.file}: ${operationName} has no ${form ? "form" : "JSON"} request body schema`,
    );
  const check = form
    ? formBodyCheck(formCheckOf(spec, schema))
    : jsonBodyCheck(schemaCheckOf(spec, schema, { request: true }));
  const success = statusOf(spec, operation, /^2/, 200);
  const refusal = statusOf(spec, operation, /^(400|422|409)$/, 422);
  const answer = sampleValue(spec, responseSchema(spec, operation), { random: seededRandom(7), index: 1 }, "result");
  const mock: TargetMock = { url: "", arrivals: [], violations: [], requests: [], close: async () => {} };
  const app = new Hono();
  app.all("*", async (c) => {
    if (c.req.method === "POST" && options.tokenPaths?.includes(c.req.path)) return c.json(tokenResponse());
    if (c.req.method !== output.method) return c.notFound();
    const request: MockRequest = { number: mock.requests.length + 1, at: Date.now(), url: c.req.url, status: success };
    mock.requests.push(request);
    const fault = options.faults?.find((f) => f.request === request.number);
    if (fault) return faultResponse(c, fault, request);
    const { problems, body } = check(await c.req.text());
    if (problems.length > 0) {
      // The first few say what is wrong; a batch of one mistake repeated need not list it 50 times.
      const shown = problems.length > 5 ? [...problems.slice(0, 5), `… and ${problems.length - 5} more`] : problems;
      mock.violations.push({ request: request.number, problems: shown });
      request.status = refusal;
      return c.json(
        { error: "validation_failed", message: `${operationName}: ${problems.join("; ")}` },
        refusal as 400,
      );
    }
    const records = recordsOf(body, output);
    if (records.some((record) => options.rejects?.(record))) {
      request.status = refusal;
      return c.json({ error: "rejected", message: "the conformance target refuses this record" }, refusal as 400);
    }
    const idempotencyKey = output.idempotency ? c.req.header(output.idempotency.header) : undefined;
    for (const record of records) mock.arrivals.push({ record, request: request.number, idempotencyKey });
    return c.json((answer ?? {}) as object, success as 200);
  });
  const server = await listen(app, "conformance target", "127.0.0.1", 0);
  mock.url = server.url;
  mock.close = server.close;
  return mock;
}

/** A body's problems, and the body as the target reads it. */
type BodyReader = (text: string) => { problems: string[]; body: unknown };

function jsonBodyCheck(check: (body: unknown) => string[]): BodyReader {
  return (text) => {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { problems: check(body), body };
  };
}

/** A form's fields are text: the record kept is the one the schema's types make of it. */
function formBodyCheck(check: FormCheck): BodyReader {
  return (text) => {
    const { problems, record } = check(decodeForm(text));
    return { problems, body: record };
  };
}

/** The records of a body: the batch's array (inside `wrap`), or the body itself for one record. */
function recordsOf(body: unknown, output: HttpOutput): unknown[] {
  if (!output.batch) return [body];
  const list = output.batch.wrap === undefined ? body : getPath(body as JsonRecord, output.batch.wrap);
  return Array.isArray(list) ? list : [];
}

function statusOf(spec: Spec, operation: SchemaNode, wanted: RegExp, fallback: number): number {
  const codes = Object.keys(spec.deref(operation.responses) ?? {}).filter((code) => wanted.test(code));
  return codes.length > 0 ? Number(codes.sort()[0]) : fallback;
}
