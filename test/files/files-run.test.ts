/** The files output in whole runs: SQLite → S3 (s3rver on loopback) as partitioned CSV, a dry run, validation. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateArtifact } from "../../runtime/validate/index.js";
import { runCli } from "../support/cli.js";
import { runYaml } from "../support/run-yaml.js";
import { startS3, type TestS3 } from "../support/s3-server.js";

function source(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cannectors-files-run-")), "source.db");
  const db = new Database(file);
  db.exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, day TEXT NOT NULL, note TEXT)");
  db.exec(`INSERT INTO orders VALUES (1, '2025-05-01T10:00:00Z', 'a, "quoted"'), (2, '2025-05-02T11:00:00Z', NULL),
    (3, '2025-05-01T23:59:59Z', 'x')`);
  db.close();
  return file;
}

const yaml = (db: string, output: string) => `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: orders-to-lake }
input:
  type: sql
  connection: "sqlite:${db}"
  table: orders
output:
  type: files
${output}`;

const s3Output = (s3: TestS3) => `  location: s3://${s3.bucket}/orders
  s3: { endpoint: "${s3.endpoint}", pathStyle: true, accessKeyId: "\${secret:S3_KEY_ID}", secretAccessKey: "\${secret:S3_SECRET}" }
  format: csv
  partition: "dt={day:date}"
  columns: [id, note]
`;

describe("files output runs", { timeout: 60_000 }, () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startS3();
  });
  afterAll(() => s3?.close());
  const env = () => ({ S3_KEY_ID: s3.accessKeyId, S3_SECRET: s3.secretAccessKey });

  it("writes one CSV object per date partition into the bucket", async () => {
    const { summary } = await runYaml(yaml(source(), s3Output(s3)), { env: env() });
    expect(summary.status).toBe("succeeded");
    const keys = await s3.keys("orders/");
    expect(keys.map((k) => k.replace(/orders-to-lake-.*\.csv$/, "FILE"))).toEqual([
      "orders/dt=2025-05-01/FILE",
      "orders/dt=2025-05-02/FILE",
    ]);
    expect((await s3.get(keys[0]!)).toString()).toBe('id,note\r\n1,"a, ""quoted"""\r\n3,x\r\n');
    expect((await s3.get(keys[1]!)).toString()).toBe("id,note\r\n2,\r\n");
  });

  it("a dry run prints each object it would write and uploads nothing", async () => {
    const before = await s3.keys();
    const lines: string[] = [];
    const { summary } = await runYaml(yaml(source(), s3Output(s3).replace("orders\n", "dry\n")), {
      env: env(),
      dryRun: { write: (line) => lines.push(line) },
    });
    expect(summary.status).toBe("succeeded");
    expect(await s3.keys()).toEqual(before);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      method: "WRITE",
      url: expect.stringMatching(/^s3:\/\/lake\/dry\/dt=2025-05-01\/orders-to-lake-.*\.csv$/),
      body: { format: "csv", records: 2, content: 'id,note\r\n1,"a, ""quoted"""\r\n3,x\r\n' },
    });
    expect(lines.join("")).not.toContain(s3.secretAccessKey);
  });

  it("refuses a partition that would leave the location, naming its line and path (exit 2)", async () => {
    const text = yaml(source(), `  location: ./out\n  format: ndjson\n  partition: "../{day:date}"\n`);
    const { diagnostics } = validateArtifact(text, "bad.yaml");
    expect(diagnostics.map((d) => [d.path, d.message, d.location?.line])).toEqual([
      ["output.partition", "a .. segment in the partition", 12],
    ]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cannectors-files-bad-")), "bad.yaml");
    writeFileSync(file, text);
    const result = await runCli(["run", file]);
    expect(result.code).toBe(2);
    expect(result.stderr + result.stdout).toContain("output.partition");
  });
});
