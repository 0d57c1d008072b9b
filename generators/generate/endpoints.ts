/** The operations a connector can join, and how pairs of them rank: one import for the generator. */
export {
  findOperation,
  isFormEncoded,
  label,
  pathParams,
  type SourceEndpoint,
  sourceEndpoints,
  type TargetEndpoint,
  targetEndpoints,
} from "./endpoint-lists.js";
export { type EndpointPair, fitOf, type PairFit, pairScore } from "./pair-fit.js";
export { type RankedPair, type RankOptions, rankPairs } from "./rank-pairs.js";
export { contextOf, resourceOf } from "./resource.js";
