/** The model itself, for other tools: stable key order (the builder's), two-space indent. */
import type { DocsModel } from "./model-types.js";

export function renderJson(model: DocsModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
