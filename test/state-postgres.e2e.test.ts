/**
 * `cannectors run` with its state in PostgreSQL, against real HTTP servers: the incremental cursor
 * saved by one run is where the next one starts, and `executions list` and `cursor show` read the
 * same database. The URL carries a password that must appear in no output.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { sendJson, startServer } from "./support/http-server.js";
import { items, pagedArtifact, startPagedSource } from "./support/paged-source.js";
import { BACKENDS, cleanedAfterEach, POSTGRES_URL, uniqueSchema, usableBackends } from "./support/state-backends.js";

const { servers, schemas } = cleanedAfterEach();

const postgres = BACKENDS.find((backend) => backend.name === "postgres")!;
const runs = usableBackends().includes(postgres);
/** Trust auth ignores the password: it is there to prove it never reaches an output. */
const PASSWORD = "pg-secret-8731";

function stateUrl(schema: string): string {
  const url = new URL(POSTGRES_URL);
  url.password = PASSWORD;
  url.searchParams.set("schema", schema);
  return url.toString();
}

describe.runIf(runs)("cannectors run --state postgres://…", () => {
  it("resumes from the cursor the previous run saved, and the history commands read the same database", async () => {
    const data = items(30);
    const source = await startPagedSource(data, 10);
    const target = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
    servers.push(source, target);
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-pg-e2e-"));
    const connector = path.join(dir, "c.yaml");
    writeFileSync(connector, pagedArtifact({ name: "pg-synced", source: source.url, target: target.url }));
    const schema = uniqueSchema("e2e");
    schemas.push(schema);
    const state = stateUrl(schema);
    const sent = () => target.requests.flatMap((r) => (JSON.parse(r.body) as { id: string }[]).map((x) => x.id));
    const outputs: string[] = [];
    const cli = async (args: string[], env: Record<string, string> = {}) => {
      const result = await runCli(args, { cwd: dir, env });
      outputs.push(result.stdout, result.stderr);
      return result;
    };

    const first = await cli(["run", connector, "--state", state]);
    expect(first.code, first.stderr).toBe(0);
    expect(sent()).toEqual(data.map((d) => d.id));

    // New records at the source: the second run (state from CANNECTORS_STATE this time) asks only for what is after the cursor.
    data.push(...items(35).slice(30));
    target.requests.length = 0;
    source.requests.length = 0;
    const second = await cli(["run", connector], { CANNECTORS_STATE: state });
    expect(second.code, second.stderr).toBe(0);
    expect(source.requests[0]!.url).toContain(`since=${encodeURIComponent(data[29]!.updated)}`);
    expect(sent()).toEqual(data.slice(30).map((d) => d.id));

    const listed = await cli(["executions", "list", "--json", "--state", state]);
    expect(listed.code, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as { connector: string; status: string; counts: { sent: number } }[];
    expect(rows.map((row) => [row.connector, row.status, row.counts.sent])).toEqual([
      ["pg-synced", "succeeded", 5],
      ["pg-synced", "succeeded", 30],
    ]);
    const shown = await cli(["cursor", "show", connector, "--json", "--state", state]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ cursor: { value: data[34]!.updated } });

    // A database that does not answer: exit 4, one line naming it, without the password.
    const down = await cli(["run", connector, "--state", state.replace(/:5432\//, ":1/")]);
    expect(down.code).toBe(4);
    expect(down.stderr).toMatch(/CANNECTORS_E_STATE|cannot be reached/);
    for (const output of outputs) expect(output).not.toContain(PASSWORD);
  });
});
