import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HttpOutput } from "../../artifact/index.js";
import { createRedactor } from "../../secrets/index.js";
import { createDeadLetterFile } from "../../engine/dead-letter-file.js";
import { planRequest } from "./dry-run-plan.js";
import { createDryRunWriter } from "../../engine/dry-run-writer.js";
import { createRequestBuilder } from "./request-builder.js";

type Json = Record<string, unknown>;

/** Every string in a record, keys included: the candidates for a secret equal to record data. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      stringsOf(item, out);
    }
  }
  return out;
}

/** A record with an `id` for the path, and secrets partly taken from its own strings. */
const recordAndSecrets = fc
  .record({
    id: fc.string({ minLength: 4, maxLength: 10, unit: "grapheme" }).filter((s) => s !== "." && s !== ".."),
    data: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
  })
  .chain((record) => {
    const own = stringsOf(record).filter((s) => s.length >= 4);
    const fromRecord = own.length > 0 ? fc.subarray(own, { minLength: 1 }) : fc.constant([] as string[]);
    const other = fc.array(fc.string({ minLength: 4, maxLength: 12 }), { maxLength: 2 });
    return fc.tuple(
      fc.constant(record as Json),
      fc.tuple(fromRecord, other).map(([a, b]) => [...a, ...b]),
    );
  });

describe("masking never changes a record's values (property)", () => {
  it("dead letters and dry-run bodies are byte-exact; the header, auth and query secrets are masked", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cannectors-mask-"));
    let run = 0;
    fc.assert(
      fc.property(recordAndSecrets, ([record, secrets]) => {
        const redactor = createRedactor(secrets);
        const spec = HttpOutput.parse({
          type: "http",
          baseUrl: "http://api.test/v1",
          path: "/r/{id}",
          headers: { "X-Tenant": "tenant-9931" },
          query: { k: "qk-4471" },
          auth: { type: "bearer", token: "tok-5510" },
        });
        for (const secret of ["tenant-9931", "qk-4471", "tok-5510"]) redactor.add(secret);
        const builder = createRequestBuilder(spec, "c", redactor.redact);
        const prepared = builder.prepare({ seq: 1, value: record });
        if (!prepared.ok) throw new Error(prepared.reason);
        const request = builder.build([prepared.prepared]);

        const lines: string[] = [];
        createDryRunWriter((line) => lines.push(line), redactor).write(planRequest(request, spec.auth, redactor));
        const line = lines[0]!;
        expect(line.endsWith(`"body":${JSON.stringify(record)}}`)).toBe(true);
        const planned = JSON.parse(line) as { url: string; headers: Record<string, string> };
        expect(decodeURIComponent(new URL(planned.url).pathname.split("/")[3]!)).toBe(record.id);
        expect(planned.headers).toMatchObject({ authorization: "***", "x-tenant": "***" });
        expect(planned.url.endsWith("?k=***")).toBe(true);

        const file = path.join(dir, `dl-${run++}.ndjson`);
        const sink = createDeadLetterFile(file, redactor);
        sink.write({ connector: "c", seq: 1, record, status: 400, reason: "r", responseExcerpt: "", attempts: 1 });
        void sink.close();
        expect(fs.readFileSync(file, "utf8")).toContain(`"record":${JSON.stringify(record)},"status":400`);
      }),
      { numRuns: 200 },
    );
  });
});
