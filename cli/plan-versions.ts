import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { configChanges, type Plan, recordChanges } from "../generators/plan/index.js";
import type { Diagnostic } from "../runtime/diagnostics/index.js";
import { hasErrors } from "../runtime/diagnostics/index.js";
import { CannectorsError, ErrorCodes } from "../runtime/errors/index.js";
import { replayFixtures } from "../runtime/fixtures/replay-run.js";
import { type LoadedArtifact, validateArtifactFile } from "../runtime/validate/index.js";
import { knownTargetSpec } from "./target-spec.js";

/** A version that could not be read: the diagnostics say why (exit 2). */
export class UnreadableVersion extends CannectorsError {
  constructor(
    readonly version: string,
    readonly diagnostics: readonly Diagnostic[],
    message: string,
  ) {
    super(ErrorCodes.FIXTURE_INVALID, message);
  }
}

/**
 * The behavioural plan between two versions (files or `REV:path`), over fixtures when given; there,
 * each version's payloads are checked against the target's contract when its spec is known.
 */
export async function planVersions(
  before: string,
  after: string,
  fixtures?: string,
  targetSpecFlag?: string,
): Promise<Plan> {
  const work = mkdtempSync(path.join(tmpdir(), "cannectors-plan-"));
  try {
    // The target's spec: --target-spec, else the one the new version's file (or the old one's) names.
    const targetSpec = fixtures
      ? (knownTargetSpec(after, targetSpecFlag) ??
        (existsSync(before) ? knownTargetSpec(before, undefined) : undefined))
      : undefined;
    const old = await load(before, path.join(work, "old.yaml"), targetSpec);
    const now = await load(after, path.join(work, "new.yaml"), targetSpec);
    const config = configChanges(old.connector, now.connector);
    let records: Plan["records"];
    let contract: Plan["contract"];
    if (fixtures) {
      const [a, b] = [
        await replayFixtures(old, fixtures, true, targetSpec),
        await replayFixtures(now, fixtures, true, targetSpec),
      ];
      records = recordChanges(
        { sent: a.sent, wrap: wrapOf(old.connector.output) },
        { sent: b.sent, wrap: wrapOf(now.connector.output) },
      );
      const checked = b.summary.contract;
      if (checked)
        contract = {
          spec: checked.spec,
          before: a.summary.contract?.count ?? 0,
          after: checked.count,
          first: checked.first,
        };
    }
    const recordsChanged =
      records !== undefined &&
      (records.fields.length > 0 ||
        records.records.before !== records.records.after ||
        records.requests.before !== records.requests.after);
    return {
      before,
      after,
      config,
      ...(records ? { records } : {}),
      ...(contract ? { contract } : {}),
      changed: config.length > 0 || recordsChanged,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Where a batch's records sit in the body (a routes, fanout or fallback output: its requests are compared whole;
 * a broker output sends one record per message).
 */
function wrapOf(output: LoadedArtifact["connector"]["output"]): string | undefined {
  return output.type === "http" ? output.batch?.wrap : undefined;
}

/** A file as it is, or `REV:path` as git has it (written to `scratch` so diagnostics name a file). */
async function load(version: string, scratch: string, targetSpec: string | undefined): Promise<LoadedArtifact> {
  let file = version;
  const revision = /^([^:]+):(.+)$/.exec(version);
  if (!existsSync(version) && revision) {
    try {
      const text = execFileSync("git", ["show", `${revision[1]}:${revision[2]}`], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      writeFileSync(scratch, text);
    } catch (error) {
      const why = (error as { stderr?: string }).stderr?.trim() ?? String(error);
      throw new UnreadableVersion(version, [], `${version}: git cannot show it (${why})`);
    }
    file = scratch;
  }
  const validation = await validateArtifactFile(file, targetSpec ? { targetSpec } : {});
  if (hasErrors(validation.diagnostics) || !validation.artifact)
    throw new UnreadableVersion(version, validation.diagnostics, `${version}: not a valid connector`);
  return validation.artifact;
}
