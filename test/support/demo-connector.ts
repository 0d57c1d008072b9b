import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_CREDENTIALS, type DemoApis } from "../../examples/demo-apis/index.js";
import { ROOT } from "./cli.js";

export const DEMO_ENV = {
  CRM_API_KEY: DEMO_CREDENTIALS.crmApiKey,
  ERP_CLIENT_ID: DEMO_CREDENTIALS.erpClientId,
  ERP_CLIENT_SECRET: DEMO_CREDENTIALS.erpClientSecret,
};

export interface Workspace {
  dir: string;
  connector: string;
  state: string;
  deadLetter: string;
}

/**
 * The example connector, pointed at demo APIs on ephemeral ports, in a fresh temp folder with
 * its own state database. `edit` rewrites the YAML text for a variant.
 */
export function demoWorkspace(
  apis: Pick<DemoApis, "crmUrl" | "erpUrl">,
  edit: (yaml: string) => string = (y) => y,
): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-e2e-"));
  const original = readFileSync(path.join(ROOT, "examples/crm-to-erp/crm-to-erp.yaml"), "utf8");
  const yaml = edit(
    original.replaceAll("http://127.0.0.1:4010", apis.crmUrl).replaceAll("http://127.0.0.1:4020", apis.erpUrl),
  );
  const connector = path.join(dir, "connector.yaml");
  writeFileSync(connector, yaml);
  return { dir, connector, state: path.join(dir, "state.db"), deadLetter: path.join(dir, "dead-letter.ndjson") };
}

export function runArgs(ws: Workspace, ...extra: string[]): string[] {
  return ["run", ws.connector, "--state", ws.state, "--dead-letter", ws.deadLetter, ...extra];
}
