/** Input, output and settings in plain words: endpoint, schedule, pagination, auth kind, retries… */
import type { Connector } from "../../runtime/artifact/index.js";
import { formatPath } from "../../runtime/diagnostics/index.js";
import { outputTree } from "../../runtime/modules/catalogue.js";
import type { HttpOutput } from "../../runtime/modules/output-http/schema.js";
import { authWords } from "./auth-words.js";
import { brokerInputDoc, brokerOutputDoc, isBrokerOutput } from "./broker-words.js";
import { celWords } from "./cel-words.js";
import { cronWords } from "./cron-words.js";
import { filesOutputDoc } from "./files-words.js";
import type { Fact, ModuleDoc } from "./model-types.js";
import { paginationWords } from "./pagination-words.js";
import { plainOrRef } from "./secret-words.js";
import { webhookDoc } from "./webhook-words.js";

type Input = Extract<Connector["input"], { type: "http" }>;
type Output = HttpOutput;

export function endpoint(method: string, baseUrl: string, path: string): string {
  return `${method} ${baseUrl.replace(/\/$/, "")}${path}`;
}

function mapWords(map: Record<string, string | number | boolean>): string {
  return Object.keys(map)
    .sort()
    .map((k) => `\`${k}\` = ${plainOrRef(map[k]!)}`)
    .join(", ");
}

export function inputDoc(input: Connector["input"]): ModuleDoc {
  if (input.type === "webhook") return webhookDoc(input);
  if (input.type === "sql") return sqlInputDoc(input);
  return input.type === "http" ? httpInputDoc(input) : brokerInputDoc(input);
}

function httpInputDoc(input: Input): ModuleDoc {
  const facts: Fact[] = [{ label: "Endpoint", text: endpoint(input.method, input.baseUrl, input.path) }];
  facts.push({
    label: "Records",
    text: input.records ? `\`${input.records}\` of the response body` : "the response body (an array)",
  });
  facts.push({ label: "Auth", text: authWords(input.auth) });
  facts.push({ label: "Pagination", text: paginationWords(input.pagination) });
  if (input.schedule) {
    const words = cronWords(input.schedule) ?? `on the CRON schedule \`${input.schedule}\``;
    facts.push({ label: "Schedule", text: `${words} (${input.timezone}; CRON \`${input.schedule}\`)` });
  }
  if (input.incremental) {
    const first = input.incremental.initialValue
      ? `; the first run starts after "${input.incremental.initialValue}"`
      : "; the first run reads everything";
    facts.push({
      label: "Incremental",
      text: `only records changed since the last run: the last \`${input.incremental.cursorField}\` delivered is sent as \`${input.incremental.param}\`${first}`,
    });
  }
  if (Object.keys(input.query).length > 0) facts.push({ label: "Query", text: mapWords(input.query) });
  if (Object.keys(input.headers).length > 0)
    facts.push({
      label: "Headers",
      text: Object.keys(input.headers)
        .sort()
        .map((h) => `\`${h}\``)
        .join(", "),
    });
  if (input.body !== undefined) facts.push({ label: "Body", text: "a JSON body (see the artifact)" });
  if (input.timeout) facts.push({ label: "Timeout", text: `${input.timeout} per request` });
  if (input.children) facts.push({ label: "Then, for each record", text: childrenWords(input.children) });
  return { title: "Input", facts };
}

/** Dependent requests in words: the child call, what fills it, what each child record carries. */
function childrenWords(children: NonNullable<Input["children"]>): string {
  const params = Object.entries(children.params)
    .map(([name, field]) => `\`${name}\` from the record's \`${field}\``)
    .join(", ");
  const carry = Object.entries(children.carry)
    .map(([target, field]) => `\`${target}\` = the record's \`${field}\``)
    .join(", ");
  return [
    `GET ${children.path}${params ? ` (${params})` : ""}, ${children.concurrency} records at a time`,
    children.records ? `its records at \`${children.records}\`` : "its body is the list of records",
    `paginated: ${paginationWords(children.pagination)}`,
    ...(carry ? [`each child record carries ${carry}`] : []),
    "a record whose children cannot be read is dead-lettered",
  ].join("; ");
}

/** One table per HTTP, broker or SQL output; those of a routes, fanout or fallback output are titled by their path. */
export function outputDocs(output: Connector["output"]): ModuleDoc[] {
  if (output.type === "http") return [outputDoc(output)];
  if (isBrokerOutput(output)) return [brokerOutputDoc(output)];
  if (output.type === "sql") return [sqlOutputDoc(output)];
  if (output.type === "files") return [filesOutputDoc(output)];
  return outputTree(output).flatMap(({ path, spec }) => {
    const title = `Output ${formatPath(path)}`;
    if (spec.type === "http") return [{ ...outputDoc(spec), title }];
    if (spec.type === "sql") return [{ ...sqlOutputDoc(spec), title }];
    if (spec.type === "files") return [{ ...filesOutputDoc(spec), title }];
    return isBrokerOutput(spec) ? [{ ...brokerOutputDoc(spec), title }] : [];
  });
}

export function outputDoc(output: Output): ModuleDoc {
  const facts: Fact[] = [{ label: "Endpoint", text: endpoint(output.method, output.baseUrl, output.path) }];
  facts.push({ label: "Auth", text: authWords(output.auth) });
  facts.push({
    label: "Batching",
    text: output.batch
      ? `${output.batch.size} records per request, ${output.batch.wrap ? `wrapped as \`${output.batch.wrap}\`` : "as a JSON array"}`
      : "one record per request, the record as the body",
  });
  facts.push({
    label: "Idempotency",
    text: output.idempotency
      ? `header \`${output.idempotency.header}\` keyed on ${celWords(output.idempotency.key)}: identical on every retry and rerun`
      : "none",
  });
  const r = output.responses;
  const list = (xs: readonly (string | number)[]) => xs.join(", ");
  facts.push({
    label: "Responses",
    text: `success ${list(r.success)}; retried ${list(r.retry)}; rate limited ${list(r.rateLimited)}; failed ${list(r.fail)}`,
  });
  facts.push({
    label: "Dead letter",
    text: output.deadLetter
      ? `\`${output.deadLetter.path}\``
      : "the default file `.cannectors/dead-letter/<name>.ndjson`",
  });
  if (Object.keys(output.query).length > 0) facts.push({ label: "Query", text: mapWords(output.query) });
  if (Object.keys(output.headers).length > 0)
    facts.push({
      label: "Headers",
      text: Object.keys(output.headers)
        .sort()
        .map((h) => `\`${h}\``)
        .join(", "),
    });
  if (output.timeout) facts.push({ label: "Timeout", text: `${output.timeout} per request` });
  return { title: "Output", facts };
}

export function settingsDoc(settings: Connector["settings"]): ModuleDoc {
  const { retries, rateLimit, timeouts, concurrency, network } = settings;
  const facts: Fact[] = [
    {
      label: "Retries",
      text: `up to ${retries.maxAttempts} attempts in all, backoff from ${retries.initialDelay} to ${retries.maxDelay}${retries.jitter === "full" ? " with full jitter" : ""}; a Retry-After up to ${retries.maxRetryAfter} is honoured`,
    },
    {
      label: "Rate limit",
      text: rateLimit
        ? `${rateLimit.requestsPerSecond} requests per second per host${rateLimit.burst ? `, bursts of ${rateLimit.burst}` : ""}`
        : "none",
    },
    { label: "Timeouts", text: `connect ${timeouts.connect}, request ${timeouts.request}` },
    { label: "Concurrency", text: `${concurrency} output request${concurrency === 1 ? "" : "s"} in flight` },
  ];
  const extra = [...network.allowHosts].sort();
  if (extra.length > 0 || network.allowPrivateLinkLocal) {
    const hosts = extra.length > 0 ? `also allowed: ${extra.join(", ")}` : "no extra hosts";
    facts.push({
      label: "Network",
      text: `${hosts}${network.allowPrivateLinkLocal ? "; link-local addresses allowed" : ""}`,
    });
  }
  return { title: "Settings", facts };
}

function sqlOutputDoc(output: Extract<Connector["output"], { type: "sql" }>): ModuleDoc {
  const facts: Fact[] = [
    { label: "Table", text: `\`${output.table}\`` },
    {
      label: "Mode",
      text:
        output.mode === "upsert"
          ? `upsert on ${output.key?.map((k) => `\`${k}\``).join(", ")}: a rerun writes each row once`
          : "insert",
    },
    {
      label: "Batching",
      text: `${output.batch.size} records per transaction${output.bulk === "copy" ? ", loaded with COPY" : ""}`,
    },
    {
      label: "Columns",
      text: output.columns ? output.columns.map((c) => `\`${c}\``).join(", ") : "every field of each record",
    },
  ];
  if (output.deleteMissing)
    facts.push({ label: "Full sync", text: "rows whose key the run did not write are deleted after a complete run" });
  return { title: "Output", facts };
}

function sqlInputDoc(input: Extract<Connector["input"], { type: "sql" }>): ModuleDoc {
  const facts: Fact[] = [
    input.table ? { label: "Table", text: `\`${input.table}\`` } : { label: "Query", text: `\`${input.query}\`` },
    { label: "Paging", text: `${input.pageSize} rows at a time, streamed` },
  ];
  if (input.incremental) {
    const { column, key } = input.incremental;
    facts.push({ label: "Incremental", text: `rows after the saved (\`${column}\`, \`${key}\`), in that order` });
  }
  if (input.schedule) facts.push({ label: "Schedule", text: `\`${input.schedule}\` (${input.timezone})` });
  return { title: "Input", facts };
}
