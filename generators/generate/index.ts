export { authPlanFor } from "./auth.js";
export { configName, secretPrefix } from "./secret-names.js";
export {
  type EndpointPair,
  label,
  rankPairs,
  type SourceEndpoint,
  sourceEndpoints,
  type TargetEndpoint,
  targetEndpoints,
} from "./endpoints.js";
export { accessor, expressionFor } from "./expression.js";
export {
  apiSlug,
  choosePair,
  type GenerateOptions,
  type GenerateResult,
  generateConnector,
  loadSpecs,
  type PairChoices,
} from "./generate.js";
export { paginationFor } from "./pagination.js";
export { planConnector } from "./plan-connector.js";
