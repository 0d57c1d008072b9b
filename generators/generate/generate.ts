import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateTypesInWorker } from "../types/index.js";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import { type LoadedSpec, loadSpec } from "../openapi/index.js";
import { type ConnectorPlan, renderConnector } from "../scaffold/index.js";
import {
  type EndpointPair,
  contextOf,
  findOperation,
  fitOf,
  label,
  rankPairs,
  type SourceEndpoint,
  sourceEndpoints,
  type TargetEndpoint,
  targetEndpoints,
} from "./endpoints.js";
import { planConnector, targetFieldsOf } from "./plan-connector.js";
import { type LlmConfig, rerankMany } from "../llm/index.js";
import { type FieldRecord, suggestMappings, type TargetSuggestion } from "../suggest/index.js";
import { connectorTestFile } from "./test-file.js";
import { conformanceTestFile } from "../conformance/test-template.js";

export interface GenerateOptions {
  source: string;
  target: string;
  name: string;
  outDir: string;
  /** `"GET /customers"`; without it, the best-ranked pair is used (or `choose` decides). */
  from?: string;
  to?: string;
  /**
   * Picks among ranked pairs when from/to are not both given (the CLI asks on a TTY); `all` lets it
   * offer any operation of either spec instead, `pair` scores the one picked.
   */
  choose?: (pairs: EndpointPair[], all: PairChoices) => Promise<EndpointPair>;
  /** When set, an LLM re-ranks the offline candidates (generators/llm); never needed, never implied. */
  llm?: LlmConfig;
  /** What the connector is for, in the user's words, when from/to are not both given (see domain-hint.ts). */
  hint?: string;
}

async function rerankSuggestions(
  source: FieldRecord[],
  targets: FieldRecord[],
  offline: TargetSuggestion[],
  config: LlmConfig,
): Promise<{ suggestions: TargetSuggestion[]; llm: LlmOutcome }> {
  const requests = offline.map((s) => ({
    source,
    target: targets.find((t) => t.path === s.target)!,
    candidates: s.candidates,
  }));
  const results = await rerankMany(requests, config);
  const fallbacks = results.filter((r) => r.used === "fallback");
  const suggestions = offline.map((s, i) => ({
    target: s.target,
    candidates: (results[i]?.candidates ?? s.candidates) as TargetSuggestion["candidates"],
  }));
  const llm: LlmOutcome = { fields: results.length, fallbacks: fallbacks.length };
  if (fallbacks[0]?.error !== undefined) llm.firstError = fallbacks[0].error;
  return { suggestions, llm };
}

/** How the LLM re-ranking went: fields kept at their offline ranking, and why (secrets masked). */
export interface LlmOutcome {
  fields: number;
  fallbacks: number;
  firstError?: string;
}

export interface PairChoices {
  sources: SourceEndpoint[];
  targets: TargetEndpoint[];
  pair(source: SourceEndpoint, target: TargetEndpoint): EndpointPair;
}

export interface GenerateResult {
  files: string[];
  plan: ConnectorPlan;
  pair: EndpointPair;
  /** Set when an LLM was configured. */
  llm?: LlmOutcome;
}

/** A short, file-name-safe name for an API: from its title (`Demo CRM API` → `crm`). */
export function apiSlug(spec: LoadedSpec, fallback: string): string {
  // `GitHub's official spec` → github: a possessive is part of the word, not a word of its own.
  const title = spec.title.toLowerCase().replace(/['’]s\b/g, "");
  const words = (title.match(/[a-z0-9]+/g) ?? []).filter((w) => !["api", "the", "demo", "rest"].includes(w));
  return words.slice(0, 2).join("-") || fallback;
}

export async function loadSpecs(
  options: Pick<GenerateOptions, "source" | "target">,
): Promise<[LoadedSpec, LoadedSpec]> {
  return Promise.all([loadSpec(options.source), loadSpec(options.target)]);
}

export async function choosePair(
  sourceSpec: LoadedSpec,
  targetSpec: LoadedSpec,
  options: GenerateOptions,
): Promise<EndpointPair> {
  const sources = sourceEndpoints(sourceSpec);
  const targets = targetEndpoints(targetSpec);
  const source = options.from ? findOperation(sources, options.from) : undefined;
  const target = options.to ? findOperation(targets, options.to) : undefined;
  if (options.from && !source)
    throw notFound(
      options.from,
      "a list operation returning an array of objects",
      sources.map((s) => label(s.operation)),
    );
  if (options.to && !target)
    throw notFound(
      options.to,
      "a create or update operation with a JSON or form body",
      targets.map((t) => label(t.operation)),
    );
  if (source && target) return { source, target, ...fitOf(source, target) };
  const ranked = rankPairs(sourceSpec, targetSpec, {
    sources: source ? [source] : sources,
    targets: target ? [target] : targets,
    ...(options.hint ? { hint: options.hint } : {}),
  });
  if (ranked.length === 0) {
    // Say which side is empty: a spec whose GETs declare no response schema (Trello's) has no list to read.
    const why =
      sources.length === 0
        ? `the source spec (${sourceSpec.title}) has no GET operation whose response declares an array of objects`
        : targets.length === 0
          ? `the target spec (${targetSpec.title}) has no POST/PUT/PATCH operation with a JSON or form body`
          : 'no source list operation and target write operation fit together: name them with --from "GET /path" --to "POST /path"';
    throw new CannectorsError(ErrorCodes.NOT_FOUND, why);
  }
  if (!options.choose) return ranked[0]!;
  return options.choose(ranked, {
    sources: source ? [source] : sources,
    targets: target ? [target] : targets,
    pair: (s, t) => ({ source: s, target: t, ...fitOf(s, t) }),
  });
}

function notFound(wanted: string, what: string, available: string[]): CannectorsError {
  const shown = available.slice(0, 8).join(", ");
  return new CannectorsError(
    ErrorCodes.NOT_FOUND,
    `${wanted} is not ${what} in the spec; candidates: ${shown}${available.length > 8 ? ", …" : ""}`,
  );
}

/** Writes types/<api>.ts for both specs, connectors/NAME.ts and connectors/NAME.test.ts under outDir. */
export async function generateConnector(options: GenerateOptions): Promise<GenerateResult> {
  const typesDir = path.join(options.outDir, "types");
  // Types are the slow part (openapi-typescript): they are made on a worker thread while this
  // thread reads, ranks and asks. Only the folder of the file matters to them (the header's path).
  const job = generateTypesInWorker([options.source, options.target], path.join(typesDir, "x.ts"));
  try {
    return await generateWithTypes(options, typesDir, job.texts[0]!, job.texts[1]!);
  } finally {
    job.cancel();
  }
}

async function generateWithTypes(
  options: GenerateOptions,
  typesDir: string,
  sourceTypesText: Promise<string>,
  targetTypesText: Promise<string>,
): Promise<GenerateResult> {
  const [sourceSpec, targetSpec] = await loadSpecs(options);
  const pair = await choosePair(sourceSpec, targetSpec, options);
  const sourceSlug = apiSlug(sourceSpec, "source");
  const targetSlug =
    apiSlug(targetSpec, "target") === sourceSlug ? `${sourceSlug}-target` : apiSlug(targetSpec, "target");
  const connectorsDir = path.join(options.outDir, "connectors");
  mkdirSync(typesDir, { recursive: true });
  mkdirSync(connectorsDir, { recursive: true });
  const sourceTypes = path.join(typesDir, `${sourceSlug}.ts`);
  const targetTypes = path.join(typesDir, `${targetSlug}.ts`);
  writeFileSync(sourceTypes, await sourceTypesText);
  writeFileSync(targetTypes, await targetTypesText);

  const targets = targetFieldsOf(pair.target);
  const offline = suggestMappings(pair.source.fields, targets, {
    maxCandidates: 4,
    context: contextOf(pair.source, pair.target),
  });
  const reranked = options.llm ? await rerankSuggestions(pair.source.fields, targets, offline, options.llm) : undefined;
  const suggestions = reranked?.suggestions ?? offline;
  const plan = planConnector({
    suggestions,
    name: options.name,
    sourceSpec,
    targetSpec,
    source: pair.source,
    target: pair.target,
    typesImports: { source: `../types/${sourceSlug}.js`, target: `../types/${targetSlug}.js` },
  });
  const connectorFile = path.join(connectorsDir, `${options.name}.ts`);
  const header = [
    `Generated by cannectors generate: ${label(pair.source.operation)} of ${sourceSpec.title} → ${label(pair.target.operation)} of ${targetSpec.title}.`,
    "Suggestions marked `review` are proposals; settle them with `cannectors review`, then `cannectors check`.",
  ];
  writeFileSync(connectorFile, renderConnector(plan, header));
  const testFile = path.join(connectorsDir, `${options.name}.test.ts`);
  writeFileSync(testFile, connectorTestFile(options.name));
  const conformanceFile = writeConformanceTest(options, connectorsDir, plan);
  return {
    files: [sourceTypes, targetTypes, connectorFile, testFile, ...(conformanceFile ? [conformanceFile] : [])],
    plan,
    pair,
    ...(reranked ? { llm: reranked.llm } : {}),
  };
}

/**
 * connectors/NAME.conformance.test.ts: the connector against mocks of the two specs. Only for specs
 * on disk (the mocks read them when the test runs, and a URL may not answer then); JSON and form targets.
 */
function writeConformanceTest(
  options: GenerateOptions,
  connectorsDir: string,
  plan: ConnectorPlan,
): string | undefined {
  if (/^https?:\/\//i.test(options.source) || /^https?:\/\//i.test(options.target)) return undefined;
  const relative = (spec: string) => {
    const text = path.relative(connectorsDir, path.resolve(spec)).split(path.sep).join("/");
    return text.startsWith(".") ? text : `./${text}`;
  };
  const file = path.join(connectorsDir, `${options.name}.conformance.test.ts`);
  writeFileSync(
    file,
    conformanceTestFile({
      name: options.name,
      sourceSpec: relative(options.source),
      targetSpec: relative(options.target),
      paginated: plan.source.pagination !== undefined,
    }),
  );
  return file;
}
