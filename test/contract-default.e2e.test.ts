/**
 * Issue 19 item 4: a dry run is checked against the target's contract by default whenever its spec
 * is known — the header of the types a TypeScript connector's output uses, or `--target-spec FILE` —
 * and `test` and `plan` report violations too. "Done when": a string planted into an integer field
 * through `cel()` is caught by the dry run, with no `output.contract` anywhere.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoApis, startDemoApis } from "../examples/demo-apis/index.js";
import { ROOT, runCli } from "./support/cli.js";
import { DEMO_ENV, demoWorkspace, runArgs } from "./support/demo-connector.js";

const EXAMPLE = path.join(ROOT, "examples/crm-to-erp");
const FIXTURES = path.join(EXAMPLE, "fixtures");
const ERP_SPEC = path.join(ROOT, "examples/demo-apis/erp/openapi.yaml");
const CRM_SPEC = path.join(ROOT, "examples/demo-apis/crm/openapi.yaml");
const RULE = "#/components/schemas/Client/properties/balance_cents/type";
const TIMEOUT = 180_000;

/** balance_cents as a string, written through the cel() escape hatch the types take on trust. */
const planted = (ts: string) =>
  ts
    .replace("import { api,", "import { api, cel,")
    .replace("balance_cents: cents(c.balance),", 'balance_cents: cel<number>("string(toCents(record.balance))"),');

let apis: DemoApis;
let dir: string;

/** A project laid out as the repo's: demo-apis/{crm,erp}/openapi.yaml, demo-apis/types, crm-to-erp/*.ts. */
function writeConnector(name: string, edit: (ts: string) => string, urls: boolean): string {
  let source = edit(readFileSync(path.join(EXAMPLE, "connector.ts"), "utf8"));
  if (urls)
    source = source.replaceAll("http://127.0.0.1:4010", apis.crmUrl).replaceAll("http://127.0.0.1:4020", apis.erpUrl);
  writeFileSync(path.join(dir, "crm-to-erp", name), source);
  return `crm-to-erp/${name}`;
}

beforeAll(async () => {
  apis = await startDemoApis({ customers: 40 });
  dir = mkdtempSync(path.join(tmpdir(), "cannectors-contract-"));
  for (const api of ["crm", "erp"]) {
    mkdirSync(path.join(dir, "demo-apis", api), { recursive: true });
    cpSync(path.join(ROOT, `examples/demo-apis/${api}/openapi.yaml`), path.join(dir, `demo-apis/${api}/openapi.yaml`));
  }
  cpSync(path.join(ROOT, "examples/demo-apis/types"), path.join(dir, "demo-apis/types"), { recursive: true });
  mkdirSync(path.join(dir, "crm-to-erp"));
});
afterAll(async () => {
  await apis?.close();
});

const dryRun = (file: string, ...extra: string[]) =>
  runCli(["run", file, "--dry-run", "--state", path.join(dir, "state.db"), ...extra], {
    env: DEMO_ENV,
    cwd: dir,
    timeoutMs: TIMEOUT,
  });

describe("run --dry-run: the target's contract by default", () => {
  it(
    "a string planted through cel() into an integer field fails its records, located (seq, pointer, rule), values exact",
    async () => {
      const file = writeConnector("planted.ts", planted, true);
      const out = path.join(dir, "planted.ndjson");
      const dry = await dryRun(file, "--json", "--out", out);
      expect(dry.code, dry.stderr).toBe(1);
      const summary = JSON.parse(dry.stdout);
      expect(summary).toMatchObject({ status: "failed", dryRun: true, counts: { sent: 0 } });
      expect(summary.counts.failed).toBeGreaterThan(0);
      // The spec came from the types header of the output's api<Erp>(...): no output.contract anywhere.
      expect(summary.contract.spec).toBe("demo-apis/erp/openapi.yaml");
      expect(summary.contract.count).toBe(summary.counts.failed);
      const seqs = summary.contract.first.map((v: { seq: number }) => v.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(summary.contract.first[0]).toEqual({
        seq: seqs[0],
        pointer: "/clients/0/balance_cents",
        rule: RULE,
        message: "must be integer",
      });
      expect(dry.stderr).toContain(`record seq ${seqs[0]} at /clients/0/balance_cents: must be integer (${RULE})`);
      // The planned request still shows the record as it would go out, value exact.
      const first = JSON.parse(readFileSync(out, "utf8").split("\n")[0]!);
      expect(first.body.clients[0].balance_cents).toMatch(/^\d+$/);
    },
    TIMEOUT,
  );

  it(
    "the example as written passes, and the summary says what it was checked against",
    async () => {
      const dry = await dryRun(
        writeConnector("connector.ts", (t) => t, true),
        "--out",
        path.join(dir, "ok.ndjson"),
      );
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stderr).toContain("target contract (demo-apis/erp/openapi.yaml): no violation");
    },
    TIMEOUT,
  );

  it("--target-spec FILE checks a YAML connector; a spec without the operation is exit 2; it needs --dry-run", async () => {
    const ws = demoWorkspace(apis, (y) =>
      y.replace("expr: toCents(record.balance)", "expr: string(toCents(record.balance))"),
    );
    const out = path.join(ws.dir, "plan.ndjson");
    const checked = await runCli([...runArgs(ws), "--dry-run", "--out", out, "--target-spec", ERP_SPEC, "--json"], {
      env: DEMO_ENV,
    });
    expect(checked.code, checked.stderr).toBe(1);
    const { contract } = JSON.parse(checked.stdout);
    expect(contract.spec).toBe(ERP_SPEC);
    expect(contract.first[0].rule).toBe(RULE);

    const wrong = await runCli([...runArgs(ws), "--dry-run", "--out", out, "--target-spec", CRM_SPEC], {
      env: DEMO_ENV,
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/CANNECTORS_E_CONTRACT .*has no operation POST \/clients\/batch/);
    const real = await runCli([...runArgs(ws), "--target-spec", ERP_SPEC], { env: DEMO_ENV });
    expect(real.code).toBe(2);
    expect(real.stderr).toContain("--target-spec checks the payloads a dry run plans: add --dry-run");
    expect(apis.erp.clients.size).toBe(0);
  });
});

describe("cannectors test and plan report violations", () => {
  it(
    "test: the planted version exits 1 naming the violations; the example as written passes its fixtures",
    async () => {
      const bad = await runCli(["test", writeConnector("offline-planted.ts", planted, false), "--fixtures", FIXTURES], {
        cwd: dir,
        timeoutMs: TIMEOUT,
      });
      expect(bad.code, bad.stderr).toBe(1);
      expect(bad.stdout).toContain("target contract (demo-apis/erp/openapi.yaml): 208 violations");
      expect(bad.stdout).toContain(`record seq 0 at /clients/0/balance_cents: must be integer (${RULE})`);
      const good = await runCli(["test", writeConnector("offline.ts", (t) => t, false), "--fixtures", FIXTURES], {
        cwd: dir,
        timeoutMs: TIMEOUT,
      });
      expect(good.code, good.stdout + good.stderr).toBe(0);
      expect(good.stderr).toContain("target contract (demo-apis/erp/openapi.yaml): no violation");
    },
    TIMEOUT,
  );

  it("plan: the new version's violations over the fixtures, in JSON and Markdown, exit 1", async () => {
    const v3 = path.join(dir, "v3.yaml");
    const v1 = readFileSync(path.join(EXAMPLE, "crm-to-erp.yaml"), "utf8");
    writeFileSync(v3, v1.replace("expr: toCents(record.balance)", "expr: string(toCents(record.balance))"));
    const args = ["plan", "crm-to-erp.yaml", v3, "--fixtures", "fixtures"];
    const json = await runCli([...args, "--format", "json"], { cwd: EXAMPLE });
    expect(json.code, json.stderr).toBe(1);
    const { contract } = JSON.parse(json.stdout);
    expect(contract).toMatchObject({ spec: "../demo-apis/erp/openapi.yaml", before: 0, after: 208 });
    expect(contract.first[0]).toEqual({
      seq: 0,
      pointer: "/clients/0/balance_cents",
      rule: RULE,
      message: "must be integer",
    });
    const markdown = await runCli([...args, "--format", "markdown"], { cwd: EXAMPLE });
    expect(markdown.stdout).toContain("**Target contract** (`../demo-apis/erp/openapi.yaml`)");
    expect(markdown.stdout).toContain(`- record seq 0 at \`/clients/0/balance_cents\`: must be integer (\`${RULE}\`)`);
  });
});
