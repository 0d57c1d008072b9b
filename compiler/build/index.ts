export { type BuildOptions, type BuildResult, type BuiltArtifact, buildConnectors } from "./build-connectors.js";
export { DEFAULT_PATTERNS, expandFiles } from "./expand-files.js";
export { type LoadOptions, loadConnectors } from "./load-connectors.js";
export type { LoadedFile, LoweredConnector } from "./protocol.js";
export { transpileConnectorSource } from "./span-transformer.js";
export { typeCheck } from "./type-check.js";
export {
  type ConnectorArtifactOptions,
  type ConnectorFileArtifact,
  connectorArtifacts,
} from "./connector-artifacts.js";
export { isConnectorSource, TS_CONNECTOR } from "./ts-file.js";
