/**
 * The relay connector every broker test runs: the input's own lines, the output's own lines, then
 * what they all share (in-flight bound, idle end, a header and an idempotency key from the record,
 * an optional batch size and filters, four batches in flight).
 */
export function relayYaml(options: {
  name: string;
  /** The input's lines, each indented two spaces (`  type: nats`...). */
  input: string;
  output: string;
  prefetch?: number | undefined;
  batch?: number | undefined;
  idleAfter?: string | undefined;
  /** The `filters:` list's lines, each indented two spaces (`  - type: aggregate`...). */
  filters?: string | undefined;
}): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: ${options.name}
input:
${options.input}
  prefetch: ${options.prefetch ?? 500}
  idleAfter: ${options.idleAfter ?? "1500ms"}
${options.filters ? `filters:\n${options.filters}\n` : ""}output:
${options.output}
  headers:
    X-Region: "{region}"
  idempotency:
    key: record.id
${options.batch ? `  batch:\n    size: ${options.batch}\n` : ""}settings:
  concurrency: 4
`;
}
