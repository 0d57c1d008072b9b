/**
 * Test-only crash hooks. `CANNECTORS_FAILPOINT=<point>[:N]` makes the process SIGKILL itself the
 * Nth time (default 1st) execution reaches `<point>`, so a test can crash a run inside a window
 * that timing alone would rarely hit. The variable is read once; unset, a check is one comparison.
 */
export const FAILPOINTS = [
  "after-ack-before-commit",
  "before-send",
  // SQL output (runtime/modules/output-sql): a batch's transaction has committed, the engine has not been told.
  "after-sql-commit",
  // OAuth2 refresh-token rotation (runtime/auth/oauth2-authorization-code.ts): the provider has answered, the new token is not written yet; and written, not yet used.
  "after-token-response",
  "after-refresh-token-write",
  // Routes and fan-out (runtime/modules/composite-output.ts): one output has acknowledged a batch's records, another has not yet.
  "between-output-acks",
  // Files output (runtime/modules/output-files): half of a file is written (locally) or its first part uploaded (S3), not yet finalised.
  "mid-file-write",
] as const;
export type FailpointName = (typeof FAILPOINTS)[number];

export interface ArmedFailpoint {
  name: FailpointName;
  /** 1-based hit that kills. */
  hit: number;
}

/** Parses the variable's value; anything unrecognised arms nothing (a typo must not crash a real run). */
export function parseFailpoint(value: string | undefined): ArmedFailpoint | undefined {
  if (value === undefined || value === "") return undefined;
  const [name = "", count] = value.split(":");
  if (!(FAILPOINTS as readonly string[]).includes(name)) return undefined;
  const hit = count === undefined ? 1 : Number(count);
  if (!Number.isInteger(hit) || hit < 1) return undefined;
  return { name: name as FailpointName, hit };
}

const armed = parseFailpoint(process.env.CANNECTORS_FAILPOINT);
let hits = 0;

/** Marks that execution reached `name`; kills the process when it is the armed hit. */
export function failpoint(name: FailpointName): void {
  if (armed === undefined || armed.name !== name) return;
  hits++;
  if (hits === armed.hit) process.kill(process.pid, "SIGKILL");
}
