import { rerankIfConfigured } from "./rerank-if-configured.js";
import type { LlmConfig, RerankDeps, RerankRequest, RerankResult } from "./types.js";

export const DEFAULT_CONCURRENCY = 4;

/**
 * Re-ranks every target field with at most `concurrency` calls in flight: one model answer takes
 * seconds, so fifty fields one after the other would take minutes. Results keep the input order.
 */
export async function rerankMany(
  requests: readonly RerankRequest[],
  config: LlmConfig | undefined,
  deps: RerankDeps = {},
  concurrency = DEFAULT_CONCURRENCY,
): Promise<RerankResult[]> {
  const results = new Array<RerankResult>(requests.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < requests.length; index = next++) {
      const request = requests[index];
      if (request !== undefined) results[index] = await rerankIfConfigured(request, config, deps);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, requests.length)) }, worker));
  return results;
}
