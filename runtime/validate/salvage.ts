import { Filter, Input, Output } from "../artifact/index.js";
import type { YamlSource } from "../artifact/yaml-source.js";
import type { Diagnostic } from "../diagnostics/index.js";
import { ErrorCodes } from "../errors/index.js";
import { checkCron, semanticDiagnostics } from "./semantic.js";

/**
 * When the schema refuses the artifact, the sections that do parse are still checked, so one
 * `validate` lists a typo in `output.batch` together with a bad CRON and a bad CEL expression
 * instead of hiding them until the first is fixed. Each filter step is salvaged on its own.
 * A problem the schema already reports is not repeated: the sections checked here parsed.
 */
export function salvagedDiagnostics(document: Record<string, unknown>, source: YamlSource): Diagnostic[] {
  const input = Input.safeParse(document.input);
  const output = Output.safeParse(document.output);
  const found = semanticDiagnostics(
    { ...(input.success ? { input: input.data } : {}), ...(output.success ? { output: output.data } : {}) },
    source,
  );
  if (!input.success) found.push(...rawInputDiagnostics(document.input, source));
  const filters = Array.isArray(document.filters) ? document.filters : [];
  const steps = filters.map((raw) => {
    const step = Filter.safeParse(raw);
    return step.success ? step.data : undefined;
  });
  found.push(...semanticDiagnostics({ filters: steps }, source));
  return found;
}

/** The schedule of an input that does not parse as a whole (a misspelt key beside it). */
function rawInputDiagnostics(input: unknown, source: YamlSource): Diagnostic[] {
  if (input === null || typeof input !== "object") return [];
  const { schedule, timezone } = input as { schedule?: unknown; timezone?: unknown };
  if (typeof schedule !== "string") return [];
  const problem = checkCron(schedule, typeof timezone === "string" ? timezone : "UTC");
  if (problem === undefined) return [];
  return [
    {
      code: ErrorCodes.CRON,
      severity: "error",
      message: problem,
      path: "input.schedule",
      location: source.locate(["input", "schedule"]),
    },
  ];
}
