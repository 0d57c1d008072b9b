import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, ROOT, runCli } from "../test/support/cli.js";
import { startServer, type TestServer } from "../test/support/http-server.js";

/**
 * What a real `cannectors` process loads, seen by a module hook in the child (ESM and CommonJS
 * alike, `require` from ESM included): start-up time is mostly module loading, so a package a
 * command does not use must not be loaded by it. The static walk in command-table.test.ts cannot
 * see this: it counts a lazy `require` inside a function as reached.
 */
const dir = mkdtempSync(path.join(tmpdir(), "cannectors-imports-"));
const hooks = path.join(dir, "hooks.mjs");
writeFileSync(
  hooks,
  `import { writeSync } from "node:fs";
export async function load(url, context, next) {
  writeSync(2, "LOADED " + url + "\\n");
  return next(url, context);
}
`,
);
const preload = path.join(dir, "register.mjs");
writeFileSync(
  preload,
  `import { register } from "node:module";
import Module from "node:module";
import { writeSync } from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";
register(${JSON.stringify(pathToFileURL(hooks).href)});
// Which built-ins load after the CLI sets its V8 flags (cli/bundle/v8-flags.ts): those miss Node's code cache.
const setFlags = v8.setFlagsFromString;
let flagsAt;
v8.setFlagsFromString = (flags) => {
  flagsAt ??= process.moduleLoadList.length;
  setFlags(flags);
};
Module.syncBuiltinESMExports();
// The program script (cli/bundle/program-script.ts) is read as a file, not imported: it says whether V8 took its cache.
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(source, options) {
    super(source, options);
    writeSync(2, "SCRIPT " + options?.filename + " cache " + (options?.cachedData ? (this.cachedDataRejected ? "rejected" : "accepted") : "none") + "\\n");
  }
};
// CommonJS files required by CommonJS files never reach the ESM hook: the require cache has them.
process.on("exit", () => {
  for (const file of Object.keys(Module._cache)) writeSync(2, "LOADED " + file + "\\n");
  // Node's own modules, required from the bundle's CommonJS code included (no hook sees those).
  for (const entry of process.moduleLoadList) if (entry.startsWith("NativeModule ")) writeSync(2, "BUILTIN " + entry.slice(13) + "\\n");
  writeSync(2, "FLAGS " + (flagsAt === undefined ? "unset" : "set") + "\\n");
  writeSync(2, "EXECARGV " + JSON.stringify(process.execArgv) + "\\n");
  for (const entry of process.moduleLoadList.slice(flagsAt ?? Infinity)) {
    if (entry.startsWith("NativeModule ")) writeSync(2, "AFTER-FLAGS " + entry.slice(13) + "\\n");
  }
});
`,
);

/** The packages (by node_modules folder) a CLI invocation loaded, and its result. */
async function packagesLoaded(args: string[]) {
  const result = await runCli(args, { env: { NODE_OPTIONS: `--import ${pathToFileURL(preload).href}` }, cwd: dir });
  const packages = new Set<string>();
  const ownModules: string[] = [];
  for (const match of result.stderr.matchAll(/^LOADED (.*)$/gm)) {
    if (!match[1]!.includes("node_modules") && /\/dist\/(?!cli\/main\.js)/.test(match[1]!)) ownModules.push(match[1]!);
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(match[1]!)?.[1];
    if (name) packages.add(name);
  }
  const builtins = new Set([...result.stderr.matchAll(/^BUILTIN (.*)$/gm)].map((match) => match[1]!));
  const scripts = [...result.stderr.matchAll(/^SCRIPT (.*)$/gm)].map((match) => match[1]!);
  const afterFlags = new Set([...result.stderr.matchAll(/^AFTER-FLAGS (.*)$/gm)].map((match) => match[1]!));
  const flags = /^FLAGS (.*)$/m.exec(result.stderr)?.[1];
  return { result, packages, ownModules, builtins, scripts, afterFlags, flags };
}

describe("cannectors --version", () => {
  it("prints the version and loads no package at all", async () => {
    const { result, packages } = await packagesLoaded(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(result.stderr).toContain("LOADED "); // the hook did run
    expect([...packages]).toEqual([]);
  });
});

describe("cannectors run of a plain YAML connector (no contract, schedule or regex)", () => {
  let source: TestServer;
  let target: TestServer;
  beforeAll(async () => {
    source = await startServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify([
          { id: 1, email: "A@x.test" },
          { id: 2, email: "b@x.test" },
        ]),
      );
    });
    target = await startServer((_req, res) => {
      res.statusCode = 204;
      res.end();
    });
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it("delivers its records without loading ajv, cron-parser, luxon, re2, the CSV/XML parsers, broker, SQL, job engine, signing or tracing libraries", async () => {
    const connector = path.join(dir, "plain.yaml");
    writeFileSync(
      connector,
      [
        "apiVersion: cannectors.dev/v1",
        "kind: Connector",
        "metadata: { name: plain, version: 1.0.0 }",
        `input: { type: http, baseUrl: "${source.url}", path: /items }`,
        "filters:",
        "  - type: map",
        "    fields:",
        "      - { target: id, from: id }",
        "      - { target: email, expr: lower(record.email) }",
        `output: { type: http, baseUrl: "${target.url}", path: /items, batch: { size: 10 } }`,
        "",
      ].join("\n"),
    );
    const { result, packages, ownModules, builtins, scripts, afterFlags, flags } = await packagesLoaded([
      "run",
      connector,
      "--state",
      path.join(dir, "state.db"),
    ]);
    expect(result.code, result.stderr).toBe(0);
    // `npm run build` writes the program as one script and its code cache (cli/bundle/program-script.ts):
    // no module of ours is imported but main.ts's loader, and V8 takes the cache instead of compiling.
    expect(
      ownModules.every((url) => url.includes("/dist/cli/bundle/")),
      ownModules.join("\n"),
    ).toBe(true);
    expect(scripts).toEqual([`${path.join(ROOT, "dist/bundle/script/program.js")} cache accepted`]);
    for (const inlined of ["zod", "undici", "yaml"])
      expect(packages.has(inlined), `${inlined} is in the bundle`).toBe(false);
    expect(JSON.parse(target.requests[0]!.body)).toEqual([
      { id: 1, email: "a@x.test" },
      { id: 2, email: "b@x.test" },
    ]);
    expect(packages.has("better-sqlite3")).toBe(true); // the hook sees CommonJS packages required from ESM
    // Built-ins that inlined packages require at their top but a run never uses (cli/bundle/lazy-requires.ts).
    expect(builtins.has("net"), "the list of built-ins is read").toBe(true);
    for (const unused of ["child_process", "dgram", "http2", "internal/http2/core"]) {
      expect(builtins.has(unused), `node:${unused}`).toBe(false);
    }
    // V8 flags set before these would make Node compile each from source instead of its code cache.
    expect(flags, "the V8 flags are set (at the first wasm compile)").toBe("set");
    for (const used of ["net", "http", "crypto", "assert", "stream", "fs/promises"]) {
      expect(afterFlags.has(used), `node:${used} loaded after the V8 flags were set`).toBe(false);
    }
    for (const unused of [
      "ajv",
      "ajv-formats",
      "cron-parser",
      "luxon",
      "@bufbuild/re2",
      "pg",
      "pg-boss",
      "typescript",
      "csv-parse",
      "fast-xml-parser",
      "amqplib",
      "@nats-io/transport-node",
      "@nats-io/jetstream",
      "ioredis",
      "mqtt",
      "mysql2",
      "pg-copy-streams",
      "standardwebhooks",
      "hyparquet-writer",
      "aws4fetch",
      "@opentelemetry/api",
      "@opentelemetry/sdk-trace",
    ]) {
      expect(packages.has(unused), unused).toBe(false);
    }
  });
});

describe("cannectors run started through the bin's shebang (its own Node options)", () => {
  it("sets no V8 flag on Node's command line (one would cost Node's built-in code cache) and takes the code cache", async () => {
    const env = { PATH: process.env.PATH, NODE_OPTIONS: `--import ${pathToFileURL(preload).href}` };
    const run = promisify(execFile)(CLI, ["run", path.join(dir, "missing.yaml")], { env, cwd: dir });
    const failed = await run.then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    const execArgv = JSON.parse(/^EXECARGV (.*)$/m.exec(failed!.stderr)?.[1] ?? "null") as string[];
    expect(execArgv.filter((option) => option !== "--")).toEqual([]);
    const scripts = [...failed!.stderr.matchAll(/^SCRIPT (.*)$/gm)].map((match) => match[1]!);
    expect(scripts).toEqual([`${path.join(ROOT, "dist/bundle/script/program.js")} cache accepted`]);
  });
});
