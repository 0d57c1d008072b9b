import type { ConnectorNode, InputNode, OutputNode, PaginationNode, SettingsNode } from "../../dsl/ir.js";
import type { WebhookInputNode } from "../../dsl/webhook-ir.js";
import { API_VERSION, KIND } from "../../runtime/artifact/index.js";
import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import { type LambdaLowerer, lowerExpressionLambda, lowerFilters } from "./filters.js";
import type { LoweringOptions } from "./options.js";
import { defined, lowerAuth, lowerPlain, lowerString, merged } from "./values.js";

/** The artifact object of a connector: plain JSON in the artifact's shape, with only the fields set. */
export function lowerConnector(
  node: ConnectorNode,
  options: LoweringOptions,
): { artifact: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lambdas: LambdaLowerer = { options, diagnostics };
  const filters = lowerFilters(node.filters, "filters", lambdas);
  const artifact = defined({
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: lowerPlain(node.metadata),
    input: lowerInput(node.input, lambdas),
    filters: filters.length > 0 ? filters : undefined,
    output: lowerOutput(node.output, lambdas),
    settings: lowerSettings(node.settings),
  });
  return { artifact, diagnostics };
}

function lowerInput(input: InputNode | WebhookInputNode, lambdas: LambdaLowerer): Record<string, unknown> {
  if (input.type === "webhook") {
    const { kind: _kind, ...rest } = input;
    return lowerPlain(rest) as Record<string, unknown>;
  }
  return defined({
    type: input.type,
    baseUrl: lowerString(input.api.baseUrl, "config"),
    path: input.path,
    pathParams: input.pathParams === undefined ? undefined : lowerPlain(input.pathParams, "config"),
    method: input.method,
    query: merged(input.api.query, input.query),
    headers: merged(input.api.headers, input.headers),
    body: input.body === undefined ? undefined : lowerPlain(input.body),
    auth: input.api.auth ? lowerAuth(input.api.auth) : undefined,
    pagination: input.pagination ? lowerPagination(input.pagination, lambdas) : undefined,
    records: input.records,
    response: input.response ? lowerPlain(input.response) : undefined,
    schedule: input.schedule,
    timezone: input.timezone,
    incremental: input.incremental ? lowerPlain(input.incremental) : undefined,
    timeout: input.timeout,
  });
}

function lowerPagination(pagination: PaginationNode, lambdas: LambdaLowerer): Record<string, unknown> {
  const { kind: _kind, ...rest } = pagination;
  const lowered = lowerPlain({ ...rest, stopWhen: undefined }) as Record<string, unknown>;
  if ("stopWhen" in pagination && pagination.stopWhen !== undefined) {
    const expr = lowerExpressionLambda(lambdas, pagination.stopWhen, "input.pagination.stopWhen", ["response", "page"]);
    if (expr !== undefined) lowered.stopWhen = expr;
  }
  return lowered;
}

function lowerOutput(output: OutputNode, lambdas: LambdaLowerer): Record<string, unknown> {
  let idempotency: Record<string, unknown> | undefined;
  if (output.idempotency) {
    const key = lowerExpressionLambda(lambdas, output.idempotency.key, "output.idempotency.key", ["record"]);
    idempotency = defined({ header: output.idempotency.header, key: key ?? "<error>" });
  }
  return defined({
    type: output.type,
    baseUrl: lowerString(output.api.baseUrl, "config"),
    path: output.path,
    method: output.method,
    query: merged(output.api.query, output.query),
    headers: merged(output.api.headers, output.headers),
    auth: output.api.auth ? lowerAuth(output.api.auth) : undefined,
    encoding: output.encoding,
    batch: output.batch ? lowerPlain(output.batch) : undefined,
    idempotency,
    responses: output.responses ? lowerPlain(output.responses) : undefined,
    deadLetter: output.deadLetter ? lowerPlain(output.deadLetter) : undefined,
    timeout: output.timeout,
  });
}

function lowerSettings(settings: SettingsNode | undefined): Record<string, unknown> | undefined {
  if (!settings) return undefined;
  const lowered = lowerPlain(settings) as Record<string, unknown>;
  return Object.keys(lowered).length === 0 ? undefined : lowered;
}
