import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { createRedactor } from "../secrets/index.js";
import { openStateStore } from "../state/index.js";
import { createLogger, historySink, type LogEntry, stderrSink } from "./index.js";

const T0 = Date.parse("2024-05-01T10:20:30.456Z");
const SECRET = "tok-SECRET-9f8e7d";

function capture(level?: "debug" | "info" | "warn" | "error") {
  const entries: LogEntry[] = [];
  const logger = createLogger({
    redactor: createRedactor([SECRET]),
    sinks: [(entry) => entries.push(entry)],
    now: () => T0,
    ...(level ? { level } : {}),
  });
  return { entries, logger };
}

describe("createLogger", () => {
  it("redacts the message and every field, deep, before the sink sees them", () => {
    const { entries, logger } = capture();
    logger.info(`calling with ${SECRET}`, {
      url: `https://api.example.com/?key=${encodeURIComponent(SECRET)}`,
      nested: { header: `Bearer ${SECRET}`, list: [SECRET, 3] },
      [`key-${SECRET}`]: true,
    });
    expect(entries).toEqual([
      {
        time: "2024-05-01T10:20:30.456Z",
        level: "info",
        message: "calling with ***",
        fields: {
          url: "https://api.example.com/?key=***",
          nested: { header: "Bearer ***", list: ["***", 3] },
          "key-***": true,
        },
      },
    ]);
  });

  const levels: { threshold: "debug" | "info" | "warn" | "error" | undefined; want: string[] }[] = [
    { threshold: "debug", want: ["debug", "info", "warn", "error"] },
    { threshold: undefined, want: ["info", "warn", "error"] },
    { threshold: "warn", want: ["warn", "error"] },
    { threshold: "error", want: ["error"] },
  ];
  for (const { threshold, want } of levels) {
    it(`level ${threshold ?? "(default)"} keeps ${want.join(", ")}`, () => {
      const { entries, logger } = capture(threshold);
      logger.debug("d");
      logger.info("i");
      logger.warn("w");
      logger.error("e");
      expect(entries.map((e) => e.level)).toEqual(want);
    });
  }

  it("merges base and child fields, the call's fields winning", () => {
    const entries: LogEntry[] = [];
    const logger = createLogger({
      redactor: createRedactor([]),
      sinks: [(entry) => entries.push(entry)],
      base: { connector: "crm", stage: "base" },
      now: () => T0,
    });
    logger.child({ stage: "input", page: 1 }).info("page", { page: 2 });
    expect(entries[0]?.fields).toEqual({ connector: "crm", stage: "input", page: 2 });
  });

  it("logs an Error as its message chain and code, never its stack, redacted", () => {
    const { entries, logger } = capture();
    const cause = Object.assign(new Error(`connect refused for ${SECRET}`), { code: "ECONNREFUSED" });
    const error = new CannectorsError(ErrorCodes.HTTP_NETWORK, "input page 2 failed", { cause });
    logger.error("run failed", { error, plain: new Error("no code") });
    expect(entries[0]?.fields).toEqual({
      error: { message: "input page 2 failed: connect refused for ***", code: ErrorCodes.HTTP_NETWORK },
      plain: { message: "no code" },
    });
    expect(JSON.stringify(entries)).not.toContain("at ");
  });

  it("keeps going when a sink throws", () => {
    const seen: string[] = [];
    const logger = createLogger({
      redactor: createRedactor([]),
      sinks: [
        () => {
          throw new Error("broken sink");
        },
        (entry) => seen.push(entry.message),
      ],
    });
    logger.warn("still delivered");
    expect(seen).toEqual(["still delivered"]);
  });
});

function streamSink(format: "pretty" | "json", color: boolean) {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  const logger = createLogger({
    redactor: createRedactor([SECRET]),
    sinks: [stderrSink({ format, color, stream })],
    now: () => T0,
  });
  return { logger, output: () => text };
}

describe("stderrSink", () => {
  it("pretty: time, level, message and key=value pairs, no colour when told so", () => {
    const { logger, output } = streamSink("pretty", false);
    logger.warn("slow page", { page: 3, url: "http://x/?a=1", note: "two words", token: SECRET, obj: { a: 1 } });
    expect(output()).toBe(
      '10:20:30.456 WARN  slow page page=3 url=http://x/?a=1 note="two words" token=*** obj={"a":1}\n',
    );
  });

  it("pretty with colour adds ANSI escapes around the same text", () => {
    const { logger, output } = streamSink("pretty", true);
    logger.error("boom");
    expect(output()).toContain("\u001b[");
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, "g");
    expect(output().replace(ansi, "")).toBe("10:20:30.456 ERROR boom\n");
  });

  it("json: one object a line, fields flattened, reserved names kept apart", () => {
    const { logger, output } = streamSink("json", false);
    logger.info("one", { n: 1, message: "clash" });
    logger.info(`two ${SECRET}`);
    const lines = output()
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      { time: "2024-05-01T10:20:30.456Z", level: "info", message: "one", n: 1, "field.message": "clash" },
      { time: "2024-05-01T10:20:30.456Z", level: "info", message: "two ***" },
    ]);
  });
});

describe("historySink", () => {
  it("writes redacted entries to the execution's log in the state store", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cannectors-log-"));
    const store = openStateStore(path.join(dir, "state.db"));
    try {
      const id = await store.startExecution({ connector: "crm", artifactHash: "h", dryRun: false, startedAt: T0 });
      const logger = createLogger({
        redactor: createRedactor([SECRET]),
        sinks: [historySink(store, id)],
        now: () => T0,
      });
      logger.info("first", { token: SECRET });
      logger.error("second");
      expect(await store.getLogs(id)).toEqual([
        { time: "2024-05-01T10:20:30.456Z", level: "info", message: "first", fields: { token: "***" } },
        { time: "2024-05-01T10:20:30.456Z", level: "error", message: "second", fields: {} },
      ]);
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
