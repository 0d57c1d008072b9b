import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../../test/support/cli.js";

// The demo CRM's generated types give a typed source; the planted errors are at known positions.
const CONNECTOR = `import { api, connector } from "cannectors";

export const planted: number = "not a number";

const source = api({ baseUrl: "http://127.0.0.1:4010" });
const target = api({ baseUrl: "http://127.0.0.1:4020" });

export default connector({ name: "checked" })
  .from(source.get("/items", { records: "items" }))
  .to(target.post("/sink", {}))
  .map((r) => ({ id: Math.random() }));
`;

function project(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-check-"));
  writeFileSync(path.join(dir, "connector.ts"), text);
  return dir;
}

/** A project typed by the demo specs, as `init` writes one. */
function typedProject(text: string): string {
  const dir = project(text);
  mkdirSync(path.join(dir, "types"));
  for (const spec of ["crm", "erp"]) {
    copyFileSync(path.join(ROOT, `examples/demo-apis/types/${spec}.ts`), path.join(dir, `types/${spec}.ts`));
  }
  return dir;
}

// Line 8 holds the misspelt path; every lambda below reads the records it would have typed.
const WRONG_PATH = `import { api, connector } from "cannectors";
import type { paths as Crm } from "./types/crm.js";
import type { paths as Erp } from "./types/erp.js";

const crm = api<Crm>({ baseUrl: "http://127.0.0.1:4010" });
const erp = api<Erp>({ baseUrl: "http://127.0.0.1:4020" });
export default connector({ name: "wrong-path" })
  .from(crm.get("/custmers", { records: "data" }))
  .to(erp.post("/clients"))
  .filter((c) => c.status !== "inactive")
  .map((c) => ({
    client_id: c.id,
    full_name: \`\${c.first_name} \${c.last_name}\`,
    email: c.email.trim().toLowerCase(),
    city: c.address.city,
  }));
`;

// Line 8 holds the out-of-range schedule.
const BAD_CRON = `import { api, connector } from "cannectors";
import type { paths as Crm } from "./types/crm.js";
import type { paths as Erp } from "./types/erp.js";

const crm = api<Crm>({ baseUrl: "http://127.0.0.1:4010" });
const erp = api<Erp>({ baseUrl: "http://127.0.0.1:4020" });
export default connector({ name: "bad-cron" })
  .from(crm.get("/customers", { records: "data", schedule: "61 * * * *" }))
  .to(erp.post("/clients"))
  .map((c) => ({ client_id: c.id, full_name: c.first_name, email: c.email }));
`;

interface Reported {
  code: string;
  severity: string;
  location?: { file: string; line: number; column: number };
}

describe("cannectors check", () => {
  it("reports a TS type error and a lowering error with their locations, and exits 2", async () => {
    const dir = project(CONNECTOR);
    const result = await runCli(["check", "connector.ts"], { cwd: dir });
    expect(result.stdout).toMatch(/^connector\.ts:3:14 TS2322 Type 'string' is not assignable to type 'number'\./m);
    expect(result.stdout).toMatch(/^connector\.ts:11:22 filters\[0\]\.fields\[0\]\S* CANNECTORS_E_LOWERING /m);
    expect(result.code).toBe(2);
  });

  it("--format github prints workflow annotations", async () => {
    const dir = project(CONNECTOR);
    const result = await runCli(["check", "connector.ts", "--format", "github"], { cwd: dir });
    expect(result.stdout).toContain("::error file=connector.ts,line=3,col=14::TS2322 ");
    expect(result.stdout).toMatch(/^::error file=connector\.ts,line=11,col=22::CANNECTORS_E_LOWERING /m);
    expect(result.code).toBe(2);
  });

  it("--json prints every diagnostic as an array", async () => {
    const dir = project(CONNECTOR);
    const result = await runCli(["check", "connector.ts", "--json"], { cwd: dir });
    const reported = JSON.parse(result.stdout) as Reported[];
    const wanted = reported
      .filter((d) => d.location?.line === 3 || d.code === "CANNECTORS_E_LOWERING")
      .map((d) => `${d.location?.line}:${d.location?.column} ${d.code}`);
    expect(wanted).toEqual(["3:14 TS2322", "11:22 CANNECTORS_E_LOWERING"]);
    expect(result.code).toBe(2);
  });

  it("reports a wrong path once, at the path argument, with no cascade; a bad CRON at the schedule string's own place", async () => {
    // One call for both (one type check of the demo types, one build): each file's lines are its own.
    const dir = typedProject(WRONG_PATH);
    renameSync(path.join(dir, "connector.ts"), path.join(dir, "wrong-path.ts"));
    writeFileSync(path.join(dir, "bad-cron.ts"), BAD_CRON);
    const result = await runCli(["check", "wrong-path.ts", "bad-cron.ts"], { cwd: dir, timeoutMs: 120_000 });
    expect(result.stdout.trim().split("\n")).toEqual([
      'bad-cron.ts:8:60 input.schedule CANNECTORS_E_CRON invalid CRON expression "61 * * * *": Constraint error, got value 61 expected range 0-59',
      "wrong-path.ts:8:17 TS2345 Argument of type '\"/custmers\"' is not assignable to parameter of type '\"✖ unknown path: use one of the spec's paths\"'.",
    ]);
    expect(result.code).toBe(2);
  }, 150_000);

  it("exits 0 for the example connector, which type-checks and lowers cleanly", async () => {
    // In a project typed by the demo specs as `init` writes one: inside this repository "cannectors"
    // would resolve to dsl/'s sources and the check would type-check them too (17 s of CPU, not 6).
    const example = readFileSync(path.join(ROOT, "examples/crm-to-erp/connector.ts"), "utf8");
    const dir = typedProject(example.replaceAll("../demo-apis/types/", "./types/"));
    const result = await runCli(["check", "connector.ts"], { cwd: dir, timeoutMs: 120_000 });
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  }, 150_000);
});
