/**
 * `cannectors/testing`: conformance tests for a connector. The source and target APIs are mocked on
 * 127.0.0.1 from their OpenAPI specs: the source serves seeded records valid against the list
 * operation's response schema, paginated as the connector declares; the target validates each body
 * against the write operation's request schema and keeps what it accepts. Faults (429 with
 * Retry-After, 5xx, an empty last page, a refused record, a crash at a page boundary) are asked for
 * per scenario. `cannectors generate` and `init` write a test that uses it beside each connector.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { connectorArtifacts } from "../../compiler/build/connector-artifacts.js";
import { formatDiagnostic, hasErrors } from "../../runtime/diagnostics/index.js";
import { loadSpec } from "../../runtime/contract/spec.js";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import type { LoadedArtifact } from "../../runtime/validate/index.js";
import { type ConformanceRun, runScenario, type Scenario } from "./scenario.js";
import { declaredPageSize } from "./source-pages.js";

export type { Fault, MockRequest } from "./mock-http.js";
export type { ExpectedRecord } from "./outcome.js";
export type { Arrival, Violation } from "./target-mock.js";
export type { ConformanceRun, MockSide, Scenario } from "./scenario.js";

export interface ConformanceOptions {
  /** The source API's OpenAPI file (its list operation is the one the connector reads). */
  sourceSpec: string | URL;
  /** The target API's OpenAPI file (its write operation is the one the connector calls). */
  targetSpec: string | URL;
}

export interface ConformanceSuite {
  /** Records per page the connector asks for (the mock's default, 10, when it declares none). */
  pageSize: number;
  /** The connector's name. */
  name: string;
  /** Runs the connector once against fresh mocks (and a fresh state) set up as `scenario` says. */
  run(scenario?: Scenario): Promise<ConformanceRun>;
}

/** Builds the connector (TypeScript or YAML) and prepares runs of it against mocks of the two specs. */
export async function conformance(connectorFile: string | URL, options: ConformanceOptions): Promise<ConformanceSuite> {
  const file = fileOf(connectorFile);
  const [entry] = await connectorArtifacts([file], { typecheck: false, cwd: path.dirname(file) });
  const result = entry?.result;
  if (!result?.artifact || hasErrors(result.diagnostics))
    throw new CannectorsError(
      ErrorCodes.CONFIG_INVALID,
      `${file} does not build: ${(result?.diagnostics ?? []).map((d) => formatDiagnostic(d)).join("\n")}`,
    );
  const artifact: LoadedArtifact = result.artifact;
  const { input, output } = artifact.connector;
  if (input.type !== "http" || output.type !== "http")
    throw new CannectorsError(
      ErrorCodes.CONFIG_INVALID,
      `${file}: conformance tests need an HTTP input and an HTTP output`,
    );
  const context = {
    artifact,
    sourceSpec: loadSpec(fileOf(options.sourceSpec)),
    targetSpec: loadSpec(fileOf(options.targetSpec)),
    pageSize: declaredPageSize(input.pagination),
  };
  return {
    pageSize: context.pageSize,
    name: artifact.connector.metadata.name,
    run: (scenario = {}) => runScenario(context, scenario),
  };
}

function fileOf(file: string | URL): string {
  return path.resolve(file instanceof URL ? fileURLToPath(file) : file);
}
