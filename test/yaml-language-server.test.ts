/**
 * Issue 13 item 8: a built artifact's `# yaml-language-server: $schema=` line points at a schema an
 * editor can load. Checked with the real yaml-language-server over stdio (LSP JSON-RPC), in a
 * project laid out as a user's: the schema comes from its node_modules/cannectors.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitArtifact, headerFor } from "../compiler/index.js";
import { ROOT } from "./support/cli.js";

interface LspDiagnostic {
  message: string;
  range: { start: { line: number; character: number } };
}

/** A minimal LSP client: Content-Length framing, requests by id, notifications by method. */
class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  readonly diagnostics = new Map<string, LspDiagnostic[][]>();
  private waiters: Array<() => void> = [];

  constructor(private readonly child: ChildProcess) {
    child.stdout?.on("data", (chunk: Buffer) => this.receive(chunk));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString("utf8"));
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.handle(message);
    }
  }

  private handle(message: { id?: number; method?: string; params?: unknown; result?: unknown }): void {
    if (message.method === undefined && message.id !== undefined) {
      this.pending.get(message.id)?.(message.result);
      return;
    }
    // Requests from the server (configuration, capability registration): answered, nothing configured.
    if (message.id !== undefined) {
      const items = (message.params as { items?: unknown[] } | undefined)?.items;
      this.send({ jsonrpc: "2.0", id: message.id, result: items ? items.map(() => null) : null });
      return;
    }
    if (message.method === "textDocument/publishDiagnostics") {
      const { uri, diagnostics } = message.params as { uri: string; diagnostics: LspDiagnostic[] };
      this.diagnostics.set(uri, [...(this.diagnostics.get(uri) ?? []), diagnostics]);
      for (const wake of this.waiters.splice(0)) wake();
    }
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), "utf8");
    this.child.stdin?.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin?.write(body);
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: "2.0", id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: "2.0", method, params });
  }

  /** Resolves once `done` holds for the diagnostics published so far. */
  async until(done: () => boolean): Promise<void> {
    while (!done()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

let server: ChildProcess;
let client: LspClient;
let project: string;

beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), "cannectors-yls-"));
  mkdirSync(path.join(project, "node_modules/cannectors/schema"), { recursive: true });
  copyFileSync(
    path.join(ROOT, "schema/cannectors.v1.json"),
    path.join(project, "node_modules/cannectors/schema/cannectors.v1.json"),
  );
  const bin = path.join(
    path.dirname(createRequire(import.meta.url).resolve("yaml-language-server/package.json")),
    "bin/yaml-language-server",
  );
  server = spawn(process.execPath, [bin, "--stdio"], { stdio: ["pipe", "pipe", "ignore"] });
  client = new LspClient(server);
  await client.request("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(project).href,
    capabilities: { textDocument: { publishDiagnostics: {} } },
  });
  client.notify("initialized", {});
  client.notify("workspace/didChangeConfiguration", {
    settings: { yaml: { validate: true, schemaStore: { enable: false }, format: { enable: false } } },
  });
}, 30_000);

afterAll(() => {
  server?.kill();
});

/** The example connector as `build` writes it into the project's artifacts/ folder, with `edit` applied. */
function builtExample(edit: (yaml: string) => string = (y) => y): { uri: string; text: string } {
  const document = parse(readFileSync(path.join(ROOT, "examples/crm-to-erp/crm-to-erp.yaml"), "utf8"));
  const out = path.join(project, "artifacts/crm-to-erp.yaml");
  const text = edit(emitArtifact(document, headerFor(path.join(project, "connectors/crm-to-erp.ts"), out)));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  return { uri: pathToFileURL(out).href, text };
}

function open(uri: string, text: string): void {
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
}

describe("yaml-language-server on a built artifact", () => {
  it("loads the schema named by the header: the example is clean, a planted unknown key is reported at its line", async () => {
    const clean = builtExample();
    expect(clean.text.split("\n")[1]).toBe(
      "# yaml-language-server: $schema=../node_modules/cannectors/schema/cannectors.v1.json",
    );
    const plantedUri = clean.uri.replace("crm-to-erp.yaml", "planted.yaml");
    const plantedText = clean.text.replace("\ninput:\n", "\ninput:\n  recrods: data\n");
    const plantedLine = plantedText.split("\n").indexOf("  recrods: data");
    expect(plantedLine).toBeGreaterThan(0);
    open(plantedUri, plantedText);
    open(clean.uri, clean.text);

    const latest = (uri: string) => client.diagnostics.get(uri)?.at(-1);
    await client.until(() => (latest(plantedUri)?.length ?? 0) > 0 && latest(clean.uri) !== undefined);
    const planted = latest(plantedUri) ?? [];
    expect(planted.map((d) => d.range.start.line)).toContain(plantedLine);
    expect(planted.find((d) => d.range.start.line === plantedLine)?.message).toMatch(/recrods|not allowed/i);
    expect(latest(clean.uri)).toEqual([]);
  }, 30_000);
});
