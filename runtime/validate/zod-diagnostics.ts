import type { z } from "zod";
import type { Diagnostic, PathSegment } from "../diagnostics/index.js";
import { formatPath } from "../diagnostics/index.js";
import { ErrorCodes } from "../errors/index.js";
import type { YamlSource } from "../artifact/yaml-source.js";
import { didYouMean } from "../diagnostics/suggest.js";
import { knownKeysAt } from "./known-keys.js";

/** Turns zod issues into located diagnostics; an unknown key points at the key itself. */
export function zodDiagnostics(issues: readonly z.core.$ZodIssue[], source: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of flatten(issues)) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        out.push({
          code: ErrorCodes.SCHEMA,
          severity: "error",
          message: `unknown key ${JSON.stringify(key)}${didYouMean(key, knownKeysAt(path))}`,
          path: formatPath(keyPath),
          location: source.locate(keyPath, "key"),
        });
      }
      continue;
    }
    out.push({
      code: ErrorCodes.SCHEMA,
      severity: "error",
      message: describeIssue(issue),
      path: formatPath(path),
      location: source.locate(path),
    });
  }
  return out;
}

/** A union's branch errors are noise when the discriminator already chose a branch; keep the deepest ones. */
function flatten(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const branches = issue.errors.map((branch) =>
        flatten(branch.map((i) => ({ ...i, path: [...issue.path, ...i.path] }))),
      );
      // The branch whose problems are fewest is the one the user most likely meant.
      const best = branches.sort((a, b) => a.length - b.length)[0] ?? [];
      if (best.length > 0) out.push(...best);
      else out.push(issue);
    } else out.push(issue);
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union" && "discriminator" in issue && issue.discriminator) {
    return `${issue.message} (field ${issue.discriminator})`;
  }
  if (issue.code === "invalid_value") {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return issue.message.replace(/^Invalid input: /, "");
}
