/** Dead letters as rows of a real SQLite state file: masked as the dead-letter file masks them. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { plainRedactor } from "../modules/output-http/test-support.js";
import { openStateStore } from "../state/index.js";
import { createStateDeadLetter } from "./dead-letter-state.js";

const SECRET = "s3cr3t-token";

describe("createStateDeadLetter", () => {
  it("masks a secret in the reason and the target's answer, keeps the record exact", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cannectors-dl-state-")), "state.db");
    const store = openStateStore(file);
    try {
      const sink = createStateDeadLetter(store.deadLetters, "exec-1", plainRedactor([SECRET]), () => 0);
      sink.write({
        connector: "crm-sync",
        seq: 4,
        record: { id: 1, note: `token ${SECRET} here` },
        status: 400,
        reason: `HTTP 400 from POST http://h/?k=${SECRET}`,
        responseExcerpt: `{"echo":"Bearer ${SECRET}"}`,
        attempts: 1,
      });
      await sink.close();
    } finally {
      await store.close();
    }

    // Read back from the file by a new store, as `replay state` would.
    const reopened = openStateStore(file);
    try {
      const rows = await reopened.deadLetters.list("crm-sync");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        connector: "crm-sync",
        executionId: "exec-1",
        seq: 4,
        reason: "HTTP 400 from POST http://h/?k=***",
        createdAt: new Date(0).toISOString(),
      });
      expect(JSON.parse(rows[0]!.entry)).toEqual({
        connector: "crm-sync",
        seq: 4,
        record: { id: 1, note: `token ${SECRET} here` },
        status: 400,
        reason: "HTTP 400 from POST http://h/?k=***",
        responseExcerpt: '{"echo":"Bearer ***"}',
        attempts: 1,
      });
      // The record is the only copy of what failed: a value equal to a secret is data, kept as it is.
      expect(JSON.stringify(rows).match(/s3cr3t-token/g)).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });
});
