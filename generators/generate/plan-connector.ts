import type { LoadedSpec } from "../openapi/index.js";
import {
  CONFIDENCE,
  type ConnectorPlan,
  type FieldPlan,
  type PaginationPlan,
  type Suggestion,
} from "../scaffold/index.js";
import { type FieldRecord, suggestMappings, type TargetSuggestion } from "../suggest/index.js";
import { authPlanFor } from "./auth.js";
import { isFormEncoded, type SourceEndpoint, type TargetEndpoint } from "./endpoints.js";
import { expressionFor, plannedConfidence } from "./expression.js";
import { paginationFor } from "./pagination.js";
import { pathParamFields, requiredParameters, sourcePathParams } from "./parameters.js";
import { requiredObjectArrays } from "./required-fields.js";
import { secretPrefix } from "./secret-names.js";

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

/** Target fields the map writes: what `suggestFor` and `planConnector` agree on; path parameters first. */
export function targetFieldsOf(target: TargetEndpoint): FieldRecord[] {
  const body = mappableTargets(target.fields);
  return [...pathParamFields(target.operation, body), ...body, ...requiredObjectArrays(target)];
}

/** Query parameters pagination sets itself. */
function paginationParams(pagination: PaginationPlan | undefined): string[] {
  if (!pagination) return [];
  return Object.entries(pagination)
    .filter(([key, value]) => key.endsWith("Param") && typeof value === "string")
    .map(([, value]) => value as string);
}

/** Header and query names the spec's API keys use: sent by auth, never a parameter to fill. */
function keyNames(spec: LoadedSpec): string[] {
  return spec.securitySchemes.flatMap((s) => (s.type === "apiKey" ? [s.name] : []));
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
  const targets = targetFieldsOf(target);
  const pathParamNames = new Set(pathParamFields(target.operation, []).map((f) => f.path));
  const suggestions = input.suggestions ?? suggestMappings(source.fields, targets, { maxCandidates: 4 });

  const fields: FieldPlan[] = targets.map((field) => {
    // A list of objects is mapped element by element, which no single candidate expresses.
    const objectList = field.type === "array<object>" && field.required;
    const found = objectList ? [] : (suggestions.find((s) => s.target === field.path)?.candidates ?? []);
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
    const pathParam = pathParamNames.has(field.path) && !target.fields.some((f) => f.path === field.path);
    return {
      target: field.path.replace(/\[\]$/, ""),
      required: field.required,
      ...(pathParam ? { pathParam: true } : {}),
      ...(objectList ? { objectList: true } : {}),
      suggestions: planned,
    };
  });

  // The key reads a field the map writes: one whose best suggestion is rendered as code.
  const idField = fields.find(
    (f) =>
      /(^|_)id$/.test(f.target) &&
      f.suggestions[0]?.sources.includes("id") &&
      f.suggestions[0].confidence >= CONFIDENCE.review,
  );
  // A `{placeholder}` in the target path is filled per record: the runtime sends one record per request.
  const batched = (target.wrap !== undefined || target.arrayBody) && pathParamNames.size === 0;
  const sourcePrefix = secretPrefix(input.sourceSpec);
  const targetPrefix = secretPrefix(input.targetSpec);
  const sourcePathParamPlan = sourcePathParams(source.operation, sourcePrefix);
  const sourceParameters = requiredParameters(
    source.operation,
    sourcePrefix,
    new Set([...keyNames(input.sourceSpec), ...paginationParams(pagination.pagination)]),
  );
  const targetParameters = requiredParameters(target.operation, targetPrefix, new Set(keyNames(input.targetSpec)));
  return {
    name: input.name,
    source: {
      typesImport: input.typesImports.source,
      baseUrl: baseUrlOf(input.sourceSpec, sourceNotes),
      ...(sourceAuth.auth ? { auth: sourceAuth.auth } : {}),
      ...(sourceAuth.credentials ? { credentials: sourceAuth.credentials } : {}),
      notes: [...sourceNotes, ...sourceAuth.notes, ...pagination.notes],
      method: "get",
      path: source.operation.path,
      ...(sourcePathParamPlan ? { pathParams: sourcePathParamPlan } : {}),
      ...(sourceParameters.length > 0 ? { parameters: sourceParameters } : {}),
      ...(source.records ? { records: source.records } : {}),
      ...(pagination.pagination ? { pagination: pagination.pagination } : {}),
      schedule: "0 * * * *",
    },
    target: {
      typesImport: input.typesImports.target,
      baseUrl: baseUrlOf(input.targetSpec, targetNotes),
      ...(targetAuth.auth ? { auth: targetAuth.auth } : {}),
      ...(targetAuth.credentials ? { credentials: targetAuth.credentials } : {}),
      notes: [...targetNotes, ...targetAuth.notes],
      method: target.operation.method as "post" | "put" | "patch",
      path: target.operation.path,
      ...(targetParameters.length > 0 ? { parameters: targetParameters } : {}),
      ...(form ? { encoding: "form" as const } : {}),
      ...(batched ? { batch: { size: 50, ...(target.wrap ? { wrap: target.wrap } : {}) } } : {}),
      ...(idField ? { idempotencyField: idField.target } : {}),
    },
    fields,
    constants,
  };
}
