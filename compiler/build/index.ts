export { type BuildOptions, type BuildResult, type BuiltArtifact, buildConnectors } from "./build-connectors.js";
export { DEFAULT_PATTERNS, expandFiles } from "./expand-files.js";
export { type LoadOptions, loadConnectors } from "./load-connectors.js";
export type { LoadedFile, LoweredConnector } from "./protocol.js";
export { transpileConnectorSource } from "./span-transformer.js";
export { typeCheck } from "./type-check.js";
