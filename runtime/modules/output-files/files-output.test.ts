import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { PlannedRequest } from "../../engine/modules.js";
import { decodeJson } from "../../json/decode.js";
import { filesOutput, listFiles, records } from "./test-support.js";

const fresh = () => mkdtempSync(path.join(tmpdir(), "cannectors-files-"));

/** Records as the runtime holds them: big integers as BigInt, long decimals as ExactNumber. */
function exact(text: string): Record<string, unknown>[] {
  return decodeJson(text, { maxDepth: 8 }).value as Record<string, unknown>[];
}

describe("files output, local folder", () => {
  it("writes NDJSON with every number as received, partitioned and rolled by record count", async () => {
    const dir = fresh();
    const values = exact(
      '[{"id":9007199254740993,"region":"eu","price":0.1000000000000000055511,"at":"2025-01-02T03:00:00Z"},' +
        '{"id":2,"region":"us","price":1.5,"at":"2025-01-02T04:00:00Z"},' +
        '{"id":3,"region":"eu","price":null,"at":"2025-01-03T00:00:00Z","tags":["a"]}]',
    );
    const { output, deadLetters } = filesOutput({
      location: dir,
      format: "ndjson",
      partition: "region={region}/dt={at:date}",
      prefix: "orders",
    });
    expect(await output.deliver(records(...values))).toEqual({ delivered: 3, deadLettered: 0 });
    await output.close();
    expect(deadLetters).toEqual([]);
    const written = listFiles(dir);
    expect(written.map((f) => f.replace(/orders-.*\.ndjson$/, "FILE"))).toEqual([
      "region=eu/dt=2025-01-02/FILE",
      "region=eu/dt=2025-01-03/FILE",
      "region=us/dt=2025-01-02/FILE",
    ]);
    expect(readFileSync(path.join(dir, written[0]!), "utf8")).toBe(
      '{"id":9007199254740993,"region":"eu","price":0.1000000000000000055511,"at":"2025-01-02T03:00:00Z"}\n',
    );
    // Nothing is left under a temporary name.
    expect(listFiles(dir, true).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("rolls a batch into files of roll.records and roll.bytes", async () => {
    const dir = fresh();
    const { output } = filesOutput({ location: dir, format: "ndjson", roll: { records: 4, bytes: 1024 } });
    const many = Array.from({ length: 10 }, (_, id) => ({ id, pad: "x".repeat(id === 0 ? 2000 : 10) }));
    await output.deliver(records(...many));
    const sizes = listFiles(dir).map((f) => readFileSync(path.join(dir, f), "utf8").trim().split("\n").length);
    // The first record alone passes 1,024 bytes; then files of 4, 4 and the last 1.
    expect(sizes).toEqual([1, 4, 4, 1]);
    const ids = listFiles(dir).flatMap((f) =>
      readFileSync(path.join(dir, f), "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).id),
    );
    expect(ids).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("writes CSV with a header, exact numbers, quoted text and nested values as JSON", async () => {
    const dir = fresh();
    const values = exact(
      '[{"id":12345678901234567890123,"name":"a, \\"b\\"","n":{"x":1}},{"id":2,"name":"line\\nbreak"}]',
    );
    const { output } = filesOutput({ location: dir, format: "csv" });
    await output.deliver(records(...values));
    const [file] = listFiles(dir);
    expect(readFileSync(path.join(dir, file!), "utf8")).toBe(
      'id,name,n\r\n12345678901234567890123,"a, ""b""","{""x"":1}"\r\n2,"line\nbreak",\r\n',
    );
  });

  it("dead-letters a record whose partition value would leave its folder, and writes the others", async () => {
    const dir = fresh();
    const { output, deadLetters } = filesOutput({ location: dir, format: "ndjson", partition: "{tenant}" });
    const result = await output.deliver(records({ tenant: "../../etc", id: 1 }, { tenant: "acme", id: 2 }, { id: 3 }));
    expect(result).toEqual({ delivered: 1, deadLettered: 2 });
    expect(deadLetters.map((d) => [d.seq, d.reason])).toEqual([
      [0, 'partition {tenant}: "../../etc" holds a separator or a control character'],
      [2, "partition {tenant}: the record has no value"],
    ]);
    expect(listFiles(dir).map((f) => f.split("/")[0])).toEqual(["acme"]);
  });

  it("removes what a killed run left in the staging folder, and never lists it as a file", async () => {
    const dir = fresh();
    const staging = path.join(dir, ".cannectors-staging", "to-files");
    mkdirSync(staging, { recursive: true });
    writeFileSync(path.join(staging, "left-by-a-kill.tmp"), '{"id":1');
    const { output } = filesOutput({ location: dir, format: "ndjson" });
    await output.deliver(records({ id: 1 }));
    expect(listFiles(dir, true).filter((f) => f.includes("left-by-a-kill"))).toEqual([]);
    expect(listFiles(dir)).toHaveLength(1);
  });

  it("a dry run prints each file it would write and writes nothing", async () => {
    const dir = path.join(fresh(), "never");
    const planned: PlannedRequest[] = [];
    const { output } = filesOutput(
      { location: dir, format: "csv", partition: "{kind}" },
      { dryRun: { write: (request) => void planned.push(request) } },
    );
    expect(await output.deliver(records({ kind: "a", id: 1 }, { kind: "b", id: 2 }))).toEqual({
      delivered: 2,
      deadLettered: 0,
    });
    expect(planned.map((p) => ({ ...p, url: p.url.replace(/to-files-.*\.csv$/, "FILE") }))).toEqual([
      {
        method: "WRITE",
        url: path.join(dir, "a", "FILE"),
        headers: {},
        body: { format: "csv", records: 1, bytes: 14, content: "kind,id\r\na,1\r\n" },
      },
      {
        method: "WRITE",
        url: path.join(dir, "b", "FILE"),
        headers: {},
        body: { format: "csv", records: 1, bytes: 14, content: "kind,id\r\nb,2\r\n" },
      },
    ]);
    expect(() => listFiles(dir)).toThrow(/ENOENT/);
  });
});
