/** File in, document out: load, read the specs and examples, build the model, render one format. */
import { readFile } from "node:fs/promises";
import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import { parseExamples } from "./examples.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { loadForDocs } from "./load.js";
import { renderMarkdown } from "./markdown.js";
import { buildDocsModel } from "./model.js";
import { readProvenance } from "./provenance.js";
import { replan } from "./replan.js";
import { discoverSpecs } from "./spec-discovery.js";
import type { DocsModel } from "./model-types.js";
import { type SpecOptions, sourceFields, targetFields } from "./specs.js";

export type DocsFormat = "md" | "html" | "json";

export interface DocumentOptions extends SpecOptions {
  /** A dry-run output (NDJSON) to take before/after examples from. */
  examples?: string;
}

const RENDER: Record<DocsFormat, (model: DocsModel) => string> = {
  md: renderMarkdown,
  html: renderHtml,
  json: renderJson,
};

export function renderDocs(model: DocsModel, format: DocsFormat): string {
  return RENDER[format](model);
}

/** Only for a generated connector whose specs are known; a replan that fails only loses "edited". */
async function proposalsFor(tsText?: string, sourceSpec?: string, targetSpec?: string) {
  const origin = tsText === undefined ? undefined : readProvenance(tsText)?.provenance.origin;
  if (origin === undefined || !sourceSpec || !targetSpec) return undefined;
  try {
    return await replan(origin, sourceSpec, targetSpec);
  } catch {
    return undefined;
  }
}

/** `model` is set when the artifact is valid; otherwise `diagnostics` say why (file:line:col path). */
export async function docsModelOf(
  file: string,
  options: DocumentOptions = {},
): Promise<{ model?: DocsModel; diagnostics: Diagnostic[] }> {
  const loaded = await loadForDocs(file);
  if (!loaded.artifact) return { diagnostics: loaded.diagnostics };
  const { connector } = loaded.artifact;
  const found = loaded.tsFile && loaded.tsText ? discoverSpecs(loaded.tsFile, loaded.tsText) : {};
  const specs = {
    ...options,
    sourceSpec: options.sourceSpec ?? found.sourceSpec,
    targetSpec: options.targetSpec ?? found.targetSpec,
  };
  const [source, target] = await Promise.all([sourceFields(connector, specs), targetFields(connector, specs)]);
  const examples = options.examples
    ? parseExamples(await readFile(options.examples, "utf8"), options.examples, connector)
    : undefined;
  const proposals = await proposalsFor(loaded.tsText, specs.sourceSpec, specs.targetSpec);
  const model = buildDocsModel({
    ...(proposals ? { proposals } : {}),
    artifact: loaded.artifact,
    file,
    ...(loaded.tsText === undefined ? {} : { tsText: loaded.tsText }),
    ...(source ? { source } : {}),
    ...(target ? { target } : {}),
    ...(examples ? { examples } : {}),
  });
  return { model, diagnostics: loaded.diagnostics };
}
