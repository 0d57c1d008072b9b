/** The TS → YAML compiler's public parts: build pipeline, canonical emission, import. */
export * from "./build/index.js";
export * from "./emit/index.js";
export * from "./import/index.js";
