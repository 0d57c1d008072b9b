import type { LoadedSpec } from "../openapi/index.js";
import type { ConnectorPlan, FieldPlan, Suggestion } from "../scaffold/index.js";
import { type FieldRecord, suggestMappings, type TargetSuggestion } from "../suggest/index.js";
import { authPlanFor } from "./auth.js";
import { isFormEncoded, type SourceEndpoint, type TargetEndpoint } from "./endpoints.js";
import { expressionFor, plannedConfidence } from "./expression.js";
import { paginationFor } from "./pagination.js";

export interface PlanInput {
  name: string;
  sourceSpec: LoadedSpec;
  targetSpec: LoadedSpec;
  source: SourceEndpoint;
  target: TargetEndpoint;
  typesImports: { source: string; target: string };
  /** Suggestions already made (e.g. re-ranked by an LLM); computed offline when absent. */
  suggestions?: TargetSuggestion[];
}

/** Target fields the map writes: what `suggestFor` and `planConnector` agree on. */
export function targetFieldsOf(target: TargetEndpoint): FieldRecord[] {
  return mappableTargets(target.fields);
}

/** Target fields the map writes: scalars and scalar arrays at any depth; fields inside arrays of objects are left out. */
function mappableTargets(fields: readonly FieldRecord[]): FieldRecord[] {
  return fields.filter((f) => !f.path.includes("[]."));
}

function baseUrlOf(spec: LoadedSpec, notes: string[]): string {
  const server = spec.servers.find((s) => /^https?:\/\//.test(s));
  if (server) return server.replace(/\/$/, "");
  notes.push("auth: the spec names no absolute server URL; set baseUrl");
  return "http://127.0.0.1";
}

/** Everything `generate` decides for one source × target pair. */
export function planConnector(input: PlanInput): ConnectorPlan {
  const { source, target } = input;
  const sourceNotes: string[] = [];
  const targetNotes: string[] = [];
  const form = isFormEncoded(target.operation.requestBody?.contentType ?? "");
  const sourceAuth = authPlanFor(input.sourceSpec, source.operation);
  const targetAuth = authPlanFor(input.targetSpec, target.operation);
  const pagination = paginationFor(source.operation);
  const constants: Record<string, Record<string, string | null>> = {};
  const sourceFields = new Map(source.fields.map((f) => [f.path, f]));
  const targets = mappableTargets(target.fields);
  const suggestions = input.suggestions ?? suggestMappings(source.fields, targets, { maxCandidates: 4 });

  const fields: FieldPlan[] = targets.map((field) => {
    const found = suggestions.find((s) => s.target === field.path)?.candidates ?? [];
    const planned: Suggestion[] = found.flatMap((candidate) => {
      const written = expressionFor({
        source: candidate.source,
        conversion: candidate.conversion,
        sourceFields,
        target: field,
        table: (name, entries) => {
          constants[name] = entries;
          return name;
        },
      });
      if (!written) return [];
      const { expression, note } = written;
      return {
        expression,
        confidence: plannedConfidence(candidate.confidence, written),
        reasons: [
          ...candidate.reasons,
          ...(candidate.conversion !== "none" ? [`conversion ${candidate.conversion}`] : []),
          ...(note ? [note] : []),
        ],
        sources: Array.isArray(candidate.source) ? candidate.source : [candidate.source],
      };
    });
    return { target: field.path.replace(/\[\]$/, ""), required: field.required, suggestions: planned };
  });

  const idField = fields.find((f) => /(^|_)id$/.test(f.target) && f.suggestions[0]?.sources.includes("id"));
  const batched = target.wrap !== undefined || target.arrayBody;
  return {
    name: input.name,
    source: {
      typesImport: input.typesImports.source,
      baseUrl: baseUrlOf(input.sourceSpec, sourceNotes),
      ...(sourceAuth.auth ? { auth: sourceAuth.auth } : {}),
      notes: [...sourceNotes, ...sourceAuth.notes, ...pagination.notes],
      method: "get",
      path: source.operation.path,
      ...(source.records ? { records: source.records } : {}),
      ...(pagination.pagination ? { pagination: pagination.pagination } : {}),
      schedule: "0 * * * *",
    },
    target: {
      typesImport: input.typesImports.target,
      baseUrl: baseUrlOf(input.targetSpec, targetNotes),
      ...(targetAuth.auth ? { auth: targetAuth.auth } : {}),
      notes: [...targetNotes, ...targetAuth.notes],
      method: target.operation.method as "post" | "put" | "patch",
      path: target.operation.path,
      ...(form ? { encoding: "form" as const } : {}),
      ...(batched ? { batch: { size: 50, ...(target.wrap ? { wrap: target.wrap } : {}) } } : {}),
      ...(idField ? { idempotencyField: idField.target } : {}),
    },
    fields,
    constants,
  };
}
