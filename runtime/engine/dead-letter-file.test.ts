import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { DeadLetterEntry } from "./modules.js";
import { createDeadLetterFile } from "./dead-letter-file.js";
import { plainRedactor } from "../modules/output-http/test-support.js";

function entry(seq: number, record: Record<string, unknown>): DeadLetterEntry {
  return { connector: "crm-sync", seq, record, status: 400, reason: "HTTP 400", responseExcerpt: "bad", attempts: 1 };
}

describe("createDeadLetterFile", () => {
  it("appends NDJSON lines, creating folders, across sinks: records exact, reason and excerpt masked", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cannectors-dl-"));
    const file = path.join(dir, "nested", "crm.ndjson");
    const first = createDeadLetterFile(file, plainRedactor(["s3cr3t-token"]));
    first.write({
      ...entry(0, { id: 1, note: "token s3cr3t-token here" }),
      reason: "HTTP 400 from POST http://h/?k=s3cr3t-token",
      responseExcerpt: '{"echo":"Bearer s3cr3t-token"}',
    });
    first.write(entry(1, { id: 2 }));
    expect(first.count).toBe(2);
    await first.close();
    await first.close();

    const second = createDeadLetterFile(file, plainRedactor());
    second.write(entry(2, { id: 3 }));
    await second.close();

    const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        ...entry(0, { id: 1, note: "token s3cr3t-token here" }),
        reason: "HTTP 400 from POST http://h/?k=***",
        responseExcerpt: '{"echo":"Bearer ***"}',
      },
      entry(1, { id: 2 }),
      entry(2, { id: 3 }),
    ]);
    // The record is the only copy of what failed: a value equal to a secret is data, kept as it is.
    expect(fs.readFileSync(file, "utf8").match(/s3cr3t-token/g)).toHaveLength(1);
  });

  it("leaves no file when nothing failed, and refuses writes after close", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cannectors-dl-"));
    const file = path.join(dir, "crm.ndjson");
    const sink = createDeadLetterFile(file, plainRedactor());
    await sink.close();
    expect(fs.existsSync(file)).toBe(false);
    expect(() => sink.write(entry(0, {}))).toThrow(/is closed/);
  });
});
