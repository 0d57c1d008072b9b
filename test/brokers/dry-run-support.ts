/** The dry-run check shared by the broker dry-run tests: two records, one printed line each, exact bodies, no password. */
import { expect } from "vitest";
import { runYaml } from "../support/run-yaml.js";

/** What each dry-run test puts on its input. */
export const DRY_RUN_BODIES = ['{"id":1,"region":"eu","n":1.5}', '{"id":2,"region":"us","n":12345678901234567890}'];

/** The password each dry-run test puts in its output URL: it must not be printed. */
export const DRY_RUN_PASSWORD = "s3cret";

/** Runs `yaml` as a dry run and checks its two lines: `method` to `url` (plain text), headers and exact bodies. */
export async function expectDryRunLines(yaml: string, method: string, url: string): Promise<void> {
  const lines: string[] = [];
  const { summary } = await runYaml(yaml, { dryRun: { write: (line) => lines.push(line) } });
  expect(summary.status).toBe("succeeded");
  // Ordered by record, not by text: the idempotency key comes before the body.
  lines.sort((x, y) => x.indexOf('"id":2') - y.indexOf('"id":2'));
  expect(lines).toHaveLength(2);
  const at = `${method}","url":"${url}`.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  expect(lines[0]).toMatch(
    new RegExp(
      `^\\{"method":"${at}","headers":\\{"Idempotency-Key":"[0-9a-f]{32}","X-Region":"eu"\\},"body":\\{"id":1,"region":"eu","n":1\\.5\\}\\}$`,
    ),
  );
  expect(lines[1]).toContain('"body":{"id":2,"region":"us","n":12345678901234567890}');
  expect(lines.join("")).not.toContain(DRY_RUN_PASSWORD);
}
