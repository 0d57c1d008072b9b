import { createRequire } from "node:module";
import type * as CronParser from "cron-parser";
import type { Connector, Filter } from "../artifact/index.js";
import type { YamlSource } from "../artifact/yaml-source.js";
import type { Diagnostic, PathSegment } from "../diagnostics/index.js";
import { formatPath } from "../diagnostics/index.js";
import { ErrorCodes } from "../errors/index.js";
import { checkExpression } from "../expr/index.js";
import { checkFilters } from "../filters/index.js";
import { outputTree } from "../modules/catalogue.js";
import type { HttpOutput } from "../modules/output-http/schema.js";
import { checkWebhookInput } from "../modules/input-webhook/check.js";
import { pathParamProblems } from "../modules/input-http/path-params.js";
import { checkChildren } from "../modules/input-http/children/check.js";
import { checkHttpReach } from "../modules/input-http/reach-check.js";
import { checkSqlOutput } from "../modules/output-sql/check.js";
import { checkFilesOutput } from "../modules/output-files/check.js";
import { checkSqlConnection } from "../sql/check.js";
import { compileUrlTemplate } from "../net/url-template.js";

/** The sections checked: all of them for a valid artifact, those that parse when another does not. */
export type Sections = Partial<Pick<Connector, "input" | "output">> & { filters?: readonly (Filter | undefined)[] };

/** Checks zod cannot express: expressions, CRON, time zones, placeholders. All problems, at once. */
export function semanticDiagnostics(connector: Sections, source: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const problem = (
    code: Diagnostic["code"],
    path: PathSegment[],
    message: string,
    offset?: number,
    severity?: "warning",
  ) => {
    out.push({
      code,
      severity: severity ?? "error",
      message,
      path: formatPath(path),
      location: offset === undefined ? source.locate(path) : locateInScalar(source, path, offset),
    });
  };

  for (const p of checkFilters(connector.filters ?? [])) problem(p.code, p.path, p.message, undefined, p.severity);

  const input = connector.input;
  if (input?.type === "webhook") {
    for (const p of checkWebhookInput(input)) problem(ErrorCodes.SCHEMA, p.path, p.message);
  } else if (input?.type === "sql") {
    for (const p of checkSqlConnection(input.connection, ["input"])) problem(ErrorCodes.SCHEMA, p.path, p.message);
    if (input.schedule !== undefined) {
      const cron = checkCron(input.schedule, input.timezone);
      if (cron) problem(ErrorCodes.CRON, ["input", "schedule"], cron);
    }
  } else if (input?.type === "http") {
    const stopWhen = input.pagination.type === "none" ? undefined : input.pagination.stopWhen;
    if (stopWhen !== undefined) {
      const found = checkExpression(stopWhen, ["response", "page"]);
      if (found) problem(found.code, ["input", "pagination", "stopWhen"], found.message, found.offset, found.severity);
    }
    if (input.schedule !== undefined) {
      const cron = checkCron(input.schedule, input.timezone);
      if (cron) problem(ErrorCodes.CRON, ["input", "schedule"], cron);
    }
    // References keep their length, so a placeholder's offset stays the one in the file.
    const inputPath = input.path.replace(REFERENCE, (ref) => "r".repeat(ref.length));
    const pathProblems = pathParamProblems(inputPath, input.pathParams);
    for (const p of pathProblems) {
      problem(ErrorCodes.SCHEMA, p.at === "path" ? ["input", "path"] : ["input", ...p.at], p.message, p.offset);
    }
    if (pathProblems.length === 0) {
      try {
        compileUrlTemplate({ baseUrl: "http://configured.invalid", path: inputPath });
      } catch (error) {
        problem(ErrorCodes.SCHEMA, ["input", "path"], error instanceof Error ? error.message : String(error));
      }
    }
    for (const p of checkHttpReach(input)) problem(ErrorCodes.SCHEMA, p.path, p.message);
    if (input.children) {
      for (const p of checkChildren(input.children))
        problem(ErrorCodes.SCHEMA, ["input", "children", ...p.path], p.message);
    }
    if (input.body !== undefined && input.method === "GET") {
      problem(ErrorCodes.SCHEMA, ["input", "body"], "a GET request has no body; use method: POST or remove body");
    }
    if (!isTimeZone(input.timezone)) {
      problem(ErrorCodes.CRON, ["input", "timezone"], `unknown time zone ${JSON.stringify(input.timezone)}`);
    }
  }

  const output = connector.output;
  if (output === undefined) return out;
  for (const { path, spec } of outputTree(output)) {
    if (spec.type === "http") checkHttpOutput(spec, path, problem);
    if (spec.type === "sql") for (const p of checkSqlOutput(spec, path)) problem(ErrorCodes.SCHEMA, p.path, p.message);
    if (spec.type === "files")
      for (const p of checkFilesOutput(spec, path)) problem(ErrorCodes.SCHEMA, p.path, p.message);
    // Broker outputs have no URL path (their `{field}` templates are checked when a record fills them): only the key.
    if ((spec.type === "amqp" || spec.type === "nats" || spec.type === "redis" || spec.type === "mqtt") && spec.idempotency) {
      const found = checkExpression(spec.idempotency.key, ["record"]);
      if (found) problem(found.code, [...path, "idempotency", "key"], found.message, found.offset, found.severity);
    }
    // Nested filters and conditions are checked as the top-level ones are, at their own paths.
    if (spec.type === "fanout") {
      spec.outputs.forEach((branch, index) => {
        for (const p of checkFilters(branch.filters, [...path, "outputs", index, "filters"]))
          problem(p.code, p.path, p.message, undefined, p.severity);
      });
    }
    if (spec.type === "routes") {
      spec.routes.forEach((route, index) => {
        const found = checkExpression(route.when, ["record"]);
        if (found) problem(found.code, [...path, "routes", index, "when"], found.message, found.offset, found.severity);
      });
    }
    if (path.length > 1 && "deadLetter" in spec && spec.deadLetter) {
      problem(
        ErrorCodes.SCHEMA,
        [...path, "deadLetter"],
        "a nested output writes to the connector's dead-letter file (each entry names its output); set deadLetter on the top-level output",
      );
    }
  }
  return out;
}

type Problem = (
  code: Diagnostic["code"],
  path: PathSegment[],
  message: string,
  offset?: number,
  severity?: "warning",
) => void;

/** An HTTP output's idempotency key, path placeholders and modes, at `at` (`output`, `output.routes[0].output`...). */
function checkHttpOutput(output: HttpOutput, at: PathSegment[], problem: Problem): void {
  if (output.idempotency) {
    const found = checkExpression(output.idempotency.key, ["record"]);
    if (found) problem(found.code, [...at, "idempotency", "key"], found.message, found.offset, found.severity);
  }
  // A `${env:NAME}` in the path is configuration, resolved before the run: not a record placeholder.
  const outputPath = output.path.replace(REFERENCE, "ref");
  let placeholdersOk = true;
  for (const placeholder of outputPath.match(/\{[^}]*\}/g) ?? []) {
    if (!FIELD_PATH.test(placeholder.slice(1, -1))) {
      placeholdersOk = false;
      problem(
        ErrorCodes.SCHEMA,
        [...at, "path"],
        `placeholder ${placeholder} is not a field path such as {id} or {address.city}`,
      );
    }
  }
  if (placeholdersOk) {
    // The runtime's own rule (a placeholder in the query, or in a segment a literal ".." removes).
    try {
      const baseUrl = output.baseUrl.includes("${") ? "http://configured.invalid" : output.baseUrl;
      compileUrlTemplate({ ...output, baseUrl, path: outputPath });
    } catch (error) {
      problem(ErrorCodes.SCHEMA, [...at, "path"], error instanceof Error ? error.message : String(error));
    }
  }
  if (output.batch && /\{[^}]+\}/.test(outputPath)) {
    problem(
      ErrorCodes.SCHEMA,
      [...at, "path"],
      "record placeholders in the path need single-record mode; remove output.batch or the placeholder",
    );
  }
  if (output.batch && output.encoding === "form") {
    problem(
      ErrorCodes.SCHEMA,
      [...at, "encoding"],
      "a form-encoded body is one record: encoding form needs single-record mode; remove output.batch",
    );
  }
}

const REFERENCE = /\$\{(env|secret):[A-Za-z_][A-Za-z0-9_]*\}/g;
const FIELD_PATH = /^[^.\s[\]{}]+(\[\d+\])*(\.[^.\s[\]{}]+(\[\d+\])*)*$/;

export function checkCron(expression: string, timezone: string): string | undefined {
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return `CRON expression needs 5 or 6 fields, got ${fields}`;
  try {
    // Required here, not imported: cron-parser and luxon cost every connector without a schedule start-up time.
    const { CronExpressionParser } = createRequire(import.meta.url)("cron-parser") as typeof CronParser;
    CronExpressionParser.parse(expression, { tz: isTimeZone(timezone) ? timezone : "UTC", strict: false });
    return undefined;
  } catch (error) {
    return `invalid CRON expression ${JSON.stringify(expression)}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function isTimeZone(zone: string): boolean {
  // The default zone: a first Intl.DateTimeFormat loads ICU's zone data, 30+ ms of every run's start-up.
  if (zone === "UTC") return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An expression error's offset, moved into the file: past the opening quote of a quoted scalar. */
function locateInScalar(source: YamlSource, path: PathSegment[], offset: number) {
  const start = source.locate(path);
  const node = source.document.getIn(path, true) as { type?: string } | undefined;
  const quoted = node?.type === "QUOTE_DOUBLE" || node?.type === "QUOTE_SINGLE";
  const plain = quoted || node?.type === "PLAIN";
  return plain ? { ...start, column: start.column + offset + (quoted ? 1 : 0) } : start;
}
