import { rerankWithLlm } from "./rerank.js";
import type { LlmConfig, RerankDeps, RerankRequest, RerankResult } from "./types.js";

/**
 * The generator's entry point: without a configuration the offline ranking comes back as it is
 * and no connection is opened, so an unconfigured machine never talks to a model.
 */
export async function rerankIfConfigured(
  request: RerankRequest,
  config: LlmConfig | undefined,
  deps: RerankDeps = {},
): Promise<RerankResult> {
  if (config === undefined) {
    return {
      candidates: request.candidates.map((candidate) => ({ ...candidate, reasons: [...candidate.reasons] })),
      used: "fallback",
    };
  }
  return rerankWithLlm(request, config, deps);
}
