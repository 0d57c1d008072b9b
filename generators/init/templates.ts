/**
 * The small text files `cannectors init` writes. The example connector and the demo specs are not
 * here: they are the package's own (examples/), copied so the user starts from what the tests run.
 */

/** Under this tsconfig plain `tsc --noEmit`, every editor and `cannectors check` agree: check reads it. */
export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      // Connector files run as ES modules; Bundler resolution reads package.json#exports and maps ./x.js to ./x.ts.
      module: "Preserve",
      moduleResolution: "Bundler",
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    },
    include: ["connectors", "types"],
  },
  null,
  2,
)}\n`;

export const GITIGNORE = "node_modules/\n.cannectors/\n*.tsbuildinfo\n";

/** Built artifacts go to artifacts/, which is committed: CI fails when one is stale. */
export const ARTIFACTS_DIR = "artifacts";

export const SCHEMA_IN_PACKAGE = "./node_modules/cannectors/schema/cannectors.v1.json";

/** The YAML language server (VS Code's YAML extension) validates artifacts against the installed schema. */
export const VSCODE_SETTINGS = `${JSON.stringify(
  { "yaml.schemas": { [SCHEMA_IN_PACKAGE]: ["connectors/**/*.yaml", `${ARTIFACTS_DIR}/**/*.yaml`] } },
  null,
  2,
)}\n`;

export const WORKFLOW = `name: connectors
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx cannectors check --format github
      - run: npx cannectors build --out ${ARTIFACTS_DIR} --check
      - run: npm test
      - run: npm run test:conformance
`;

/** Two CRM customers: one the connector copies, one it filters out. */
export const SAMPLE_CUSTOMERS = `${[
  {
    id: "cus_001",
    first_name: "Ada",
    last_name: "Lovelace",
    email: " Ada@Example.COM ",
    status: "active",
    created_at: "2024-03-01T09:30:00Z",
    updated_at: "2024-06-01T10:00:00Z",
    balance: "1234.50",
    currency: "EUR",
    address: { city: "London", country: "GB" },
    tags: ["vip"],
    phone: null,
  },
  {
    id: "cus_002",
    first_name: "Old",
    last_name: "Client",
    email: "old@example.com",
    status: "inactive",
    created_at: "2020-01-01T00:00:00Z",
    updated_at: "2024-06-01T10:00:00Z",
    balance: "0.00",
    currency: "EUR",
    address: { city: "Paris", country: "FR" },
    tags: [],
    phone: null,
  },
]
  .map((record) => JSON.stringify(record))
  .join("\n")}\n`;

/** Node's own test runner: \`npm test\` needs no test framework. No network: records go through the filters only. */
export function connectorTest(name: string): string {
  return `import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { test } from "node:test";

// The installed CLI, run with this Node: no shell, the same on every OS.
const pkg = createRequire(import.meta.url).resolve("cannectors/package.json");
const bin = path.join(path.dirname(pkg), JSON.parse(readFileSync(pkg, "utf8")).bin.cannectors);
const cannectors = (...args) => execFileSync(process.execPath, [bin, ...args], { encoding: "utf8", stdio: "pipe" });
const connector = "connectors/${name}.ts";

// docs builds the connector as check does (type check, lowering, validation) and runs the records
// of test/customers.ndjson through its filters: no network, no demo API needed.
test("${name} builds, maps a CRM customer to an ERP client and leaves inactive ones out", () => {
  const doc = JSON.parse(cannectors("docs", connector, "--examples", "test/customers.ndjson", "--format", "json"));
  const [active, inactive] = doc.examples;
  assert.deepEqual(active.after, {
    client_id: "cus_001",
    full_name: "Ada Lovelace",
    email: "ada@example.com",
    segment: "STANDARD",
    balance_cents: 123450,
    customer_since: "2024-03-01",
    city: "London",
    country: "GB",
    tags: ["vip"],
  });
  assert.equal(inactive.after, null);
});
`;
}
