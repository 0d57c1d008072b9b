/**
 * `npm run demo`: starts the bundled CRM and ERP APIs on 127.0.0.1, runs the example connector
 * through the real CLI, adds a few customers and runs it again to show incremental sync.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_CREDENTIALS, startDemoApis } from "./demo-apis/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(root, "dist/cli/main.js");
const connector = path.join(root, "examples/crm-to-erp/crm-to-erp.yaml");
const stateDir = path.join(root, ".cannectors/demo");

rmSync(stateDir, { recursive: true, force: true });
const apis = await startDemoApis({ crmPort: 4010, erpPort: 4020 });
const env = {
  ...process.env,
  CRM_API_KEY: process.env.CRM_API_KEY ?? DEMO_CREDENTIALS.crmApiKey,
  ERP_CLIENT_ID: process.env.ERP_CLIENT_ID ?? DEMO_CREDENTIALS.erpClientId,
  ERP_CLIENT_SECRET: process.env.ERP_CLIENT_SECRET ?? DEMO_CREDENTIALS.erpClientSecret,
};
const args = [
  "run",
  connector,
  "--state",
  path.join(stateDir, "state.db"),
  "--dead-letter",
  path.join(stateDir, "dead-letter.ndjson"),
];

function run(title: string): Promise<number> {
  process.stdout.write(`\n== ${title}\n$ cannectors ${args.map((a) => path.relative(root, a) || a).join(" ")}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: "inherit", cwd: root });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

let exitCode = 0;
try {
  process.stdout.write(`CRM API on ${apis.crmUrl}, ERP API on ${apis.erpUrl}\n`);
  exitCode = await run("first run: every active customer and lead becomes an ERP client");
  const first = { clients: apis.erp.clients.size, requests: apis.erp.requests };
  apis.crm.addCustomers(5);
  exitCode ||= await run("second run: only the 5 customers added since are fetched (incremental sync)");
  process.stdout.write(
    `\nERP now holds ${apis.erp.clients.size} clients (${first.clients} after the first run), ` +
      `${apis.erp.duplicates} duplicates, ${apis.erp.idempotentReplays} idempotent replays, ${apis.erp.tokensIssued} OAuth2 token(s) issued.\n` +
      `History: node dist/cli/main.js executions list --state ${path.relative(root, path.join(stateDir, "state.db"))}\n`,
  );
} finally {
  await apis.close();
}
process.exitCode = exitCode;
