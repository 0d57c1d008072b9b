/**
 * `cannectors import`: an artifact → a DSL file whose build gives back the same canonical YAML.
 * Exact rather than idiomatic: untyped `api(...)`, every expression as `cel("...")`.
 */
import type {
  AmqpInput,
  AmqpOutput,
  Auth,
  Connector,
  Filter,
  HttpInput,
  HttpOutput,
  Pagination,
  WebhookInput,
} from "../../runtime/artifact/index.js";
import { compareKeys } from "../emit/index.js";
import { filterCall, type ImportContext } from "./import-filters.js";
import { amqpExchangeCall, amqpQueueCall } from "./import-broker.js";
import { webhookCall } from "./import-webhook.js";
import { pathsTypes } from "./paths-type.js";
import { literal, propertyKey, secretRecord, secretString } from "./ts-literals.js";

/** The artifact as written: fields the schema would default may be absent. */
type Written<T> = { [K in keyof T]?: T[K] };

function options(entries: readonly [string, string | undefined][]): string {
  const present = entries.filter((e): e is [string, string] => e[1] !== undefined);
  return present.length === 0 ? "{}" : `{ ${present.map(([k, v]) => `${propertyKey(k)}: ${v}`).join(", ")} }`;
}

function authCall(auth: Auth, context: ImportContext): string {
  context.use(auth.type);
  const s = (value: string) => secretString(value, context.use);
  const raw = auth as Written<Auth> & Record<string, unknown>;
  switch (auth.type) {
    case "apiKey":
      return `apiKey(${options([
        ["in", raw.in === undefined ? undefined : literal(raw.in)],
        ["name", literal(auth.name)],
        ["value", s(auth.value)],
      ])})`;
    case "bearer":
      return `bearer(${s(auth.token)})`;
    case "basic":
      return `basic(${options([
        ["username", s(auth.username)],
        ["password", s(auth.password)],
      ])})`;
    case "oauth2ClientCredentials":
      return `oauth2ClientCredentials(${options([
        ["tokenUrl", secretString(auth.tokenUrl, context.use, "config")],
        ["clientId", s(auth.clientId)],
        ["clientSecret", s(auth.clientSecret)],
        ["scopes", raw.scopes === undefined ? undefined : literal(raw.scopes)],
        ["audience", raw.audience === undefined ? undefined : literal(raw.audience)],
        ["clientAuth", raw.clientAuth === undefined ? undefined : literal(raw.clientAuth)],
        ["refreshBefore", raw.refreshBefore === undefined ? undefined : literal(raw.refreshBefore)],
      ])})`;
    case "oauth2AuthorizationCode":
      return `oauth2AuthorizationCode(${options([
        ["authorizationUrl", secretString(auth.authorizationUrl, context.use, "config")],
        ["tokenUrl", secretString(auth.tokenUrl, context.use, "config")],
        ["clientId", s(auth.clientId)],
        ["clientSecret", auth.clientSecret === undefined ? undefined : s(auth.clientSecret)],
        ["scopes", raw.scopes === undefined ? undefined : literal(raw.scopes)],
        ["clientAuth", raw.clientAuth === undefined ? undefined : literal(raw.clientAuth)],
        ["authorizationParams", raw.authorizationParams === undefined ? undefined : literal(raw.authorizationParams)],
        ["redirectPort", raw.redirectPort === undefined ? undefined : literal(raw.redirectPort)],
        ["refreshBefore", raw.refreshBefore === undefined ? undefined : literal(raw.refreshBefore)],
      ])})`;
  }
}

function paginationCall(pagination: Pagination, context: ImportContext): string {
  if (pagination.type === "none") {
    context.use("noPagination");
    return "noPagination()";
  }
  context.use(pagination.type);
  const entries = Object.entries(pagination)
    .filter(([key, value]) => key !== "type" && value !== undefined)
    .map(([key, value]): [string, string] => [
      key,
      key === "stopWhen" ? `(response, page) => cel(${JSON.stringify(value)})` : literal(value),
    ]);
  if (pagination.stopWhen !== undefined) context.use("cel");
  return `${pagination.type}(${options(entries)})`;
}

function apiDeclaration(
  name: string,
  paths: string,
  io: Written<HttpInput> | Written<HttpOutput>,
  context: ImportContext,
): string {
  context.use("api");
  const auth = io.auth === undefined ? undefined : authCall(io.auth, context);
  return `const ${name} = api<${paths}>(${options([
    ["baseUrl", maybe(io.baseUrl, (v: string) => secretString(v, context.use, "config"))],
    ["auth", auth],
  ])});`;
}

function maybe(value: unknown, write: (v: never) => string): string | undefined {
  return value === undefined ? undefined : write(value as never);
}

function inputCall(input: Written<HttpInput>, context: ImportContext): string {
  const method = (input.method ?? "GET").toLowerCase();
  const record = (v: Record<string, unknown>) => secretRecord(v, context.use);
  return `source.${method}(${literal(input.path ?? "/")}, ${options([
    ["records", maybe(input.records, literal)],
    ["response", maybe(input.response, literal)],
    [
      "pathParams",
      maybe(input.pathParams, (v: Record<string, unknown>) => secretRecord(v, context.use, () => "config")),
    ],
    ["query", maybe(input.query, record)],
    ["headers", maybe(input.headers, record)],
    ["body", maybe(input.body, literal)],
    ["pagination", maybe(input.pagination, (p: Pagination) => paginationCall(p, context))],
    ["schedule", maybe(input.schedule, literal)],
    ["timezone", maybe(input.timezone, literal)],
    ["incremental", maybe(input.incremental, literal)],
    ["timeout", maybe(input.timeout, literal)],
  ])})`;
}

function outputCall(output: Written<HttpOutput>, context: ImportContext): string {
  const method = (output.method ?? "POST").toLowerCase();
  const record = (v: Record<string, unknown>) => secretRecord(v, context.use);
  const idempotency = output.idempotency;
  if (idempotency) context.use("cel");
  return `target.${method}(${literal(output.path)}, ${options([
    ["query", maybe(output.query, record)],
    ["headers", maybe(output.headers, record)],
    ["encoding", maybe(output.encoding, literal)],
    ["batch", maybe(output.batch, literal)],
    [
      "idempotency",
      idempotency &&
        options([
          ["header", maybe((idempotency as { header?: string }).header, literal)],
          ["key", `(r) => cel(${JSON.stringify(idempotency.key)})`],
        ]),
    ],
    ["responses", maybe(output.responses, literal)],
    ["deadLetter", maybe(output.deadLetter, literal)],
    ["timeout", maybe(output.timeout, literal)],
  ])})`;
}

export interface ImportOptions {
  /** Named in the header comment: the YAML file, relative to the generated file. */
  sourceLabel: string;
}

/** TypeScript source of a connector module equivalent to `artifact` (a parsed, valid artifact as written). */
export function importArtifact(document: Readonly<Record<string, unknown>>, importOptions: ImportOptions): string {
  const artifact = document as Written<Connector>;
  const used = new Set<string>(["connector"]);
  const constants: string[] = [];
  const context: ImportContext = {
    use: (name) => used.add(name),
    constant: (value) => {
      const name = `VALUE_${constants.length + 1}`;
      constants.push(`const ${name} = ${literal(value)} as const;`);
      return name;
    },
  };
  const webhook = artifact.input?.type === "webhook" ? (artifact.input as Written<WebhookInput>) : undefined;
  // A broker module is one call with no api(...) declaration and no paths type.
  const queue = artifact.input?.type === "amqp" ? (artifact.input as Written<AmqpInput>) : undefined;
  const exchange = artifact.output?.type === "amqp" ? (artifact.output as Written<AmqpOutput>) : undefined;
  const input = (artifact.input ?? {}) as Written<HttpInput>;
  const output = (artifact.output ?? {}) as Written<HttpOutput>;
  const httpIn = webhook === undefined && queue === undefined;
  const types = pathsTypes(httpIn ? input : undefined, output);
  const declarations = [
    ...(exchange ? types.filter((line) => !line.startsWith("type TargetPaths")) : types),
    "",
    ...(httpIn ? [apiDeclaration("source", "SourcePaths", input, context)] : []),
    ...(exchange ? [] : [apiDeclaration("target", "TargetPaths", output, context)]),
  ];
  const from = webhook
    ? webhookCall(webhook, context)
    : queue
      ? amqpQueueCall(queue, context)
      : inputCall(input, context);
  const to = exchange ? amqpExchangeCall(exchange, context) : outputCall(output, context);
  const filters = ((artifact.filters ?? []) as Filter[]).map((f) => filterCall(f, context)).join("");
  const settings = artifact.settings === undefined ? "" : `\n  .settings(${literal(artifact.settings)})`;
  const metadata = literal(artifact.metadata ?? {});
  const names = [...used].sort(compareKeys);
  return [
    `// Imported from ${importOptions.sourceLabel} by cannectors import. Edit this file, then run cannectors build.`,
    `import { ${names.join(", ")} } from "cannectors";`,
    "",
    ...(constants.length > 0 ? [...constants, ""] : []),
    ...declarations,
    "",
    `export default connector(${metadata})\n  .from(${from})\n  .to(${to})${filters}${settings};`,
    "",
  ].join("\n");
}
