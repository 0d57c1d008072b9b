/** Artifact (+ optional specs, provenance, examples) → the `DocsModel` every renderer reads. */
import type { LoadedArtifact } from "../../runtime/validate/index.js";
import { brokerInputFlow, brokerOutputFlow, isBrokerOutput } from "./broker-words.js";
import { coverage } from "./coverage.js";
import { conditionDocs, flowSteps, mappingRows } from "./filter-words.js";
import type { DocsModel, Example } from "./model-types.js";
import { inputDoc, outputDocs, settingsDoc } from "./module-words.js";
import { compositeSummary, flowRoutes, httpSummary, sqlSummary } from "./route-words.js";
import { filesSummary } from "./files-words.js";
import { applyProvenance, readProvenance } from "./provenance.js";
import { mappedExpressions, type Proposal } from "./replan.js";
import type { SpecFields } from "./specs.js";

export interface ModelInput {
  artifact: LoadedArtifact;
  /** The file as the user named it: shown, so keep it relative for reproducible output. */
  file: string;
  tsText?: string;
  source?: SpecFields;
  target?: SpecFields;
  examples?: Example[];
  /** What `generate` proposed per target field (see replan.ts), to tell accepted from edited. */
  proposals?: ReadonlyMap<string, Proposal>;
}

export function buildDocsModel(input: ModelInput): DocsModel {
  const { connector, hash } = input.artifact;
  const { metadata, input: source, output, filters } = connector;
  const mappings = mappingRows(filters);
  const report = coverage(connector, mappings, input.source, input.target);
  const read = input.tsText === undefined ? undefined : readProvenance(input.tsText);
  if (read && input.tsText) applyProvenance(mappings, read, input.proposals, mappedExpressions(input.tsText));
  const host = (url: string) => new URL(url).host;
  return {
    title: metadata.name,
    ...(metadata.description ? { purpose: metadata.description } : {}),
    version: metadata.version,
    hash,
    file: input.file.split("\\").join("/"),
    labels: Object.fromEntries(Object.entries(metadata.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    flow: {
      input:
        source.type === "http"
          ? { summary: `${source.method} ${source.path}`, detail: host(source.baseUrl) }
          : source.type === "webhook"
            ? { summary: `${source.methods.join(" | ")} ${source.path}`, detail: "webhook on cannectors serve" }
            : source.type === "sql"
              ? { summary: source.table ? `rows of ${source.table}` : "rows of a query", detail: "SQL" }
              : brokerInputFlow(source),
      filters: flowSteps(filters),
      output:
        output.type === "http"
          ? httpSummary(output)
          : isBrokerOutput(output)
            ? brokerOutputFlow(output)
            : output.type === "sql"
              ? sqlSummary(output)
              : output.type === "files"
                ? filesSummary(output)
                : compositeSummary(output),
      ...(output.type === "http" || isBrokerOutput(output) || output.type === "sql" || output.type === "files"
        ? {}
        : { routes: flowRoutes(output) }),
    },
    modules: [inputDoc(source), ...outputDocs(output), settingsDoc(connector.settings)],
    mappings,
    conditions: conditionDocs(filters),
    coverage: report,
    ...(read ? { provenance: read.provenance } : {}),
    ...(input.examples && input.examples.length > 0 ? { examples: input.examples } : {}),
  };
}
