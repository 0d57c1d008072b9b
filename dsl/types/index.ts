export type { Exact, UnknownTargetField } from "./exact.js";
export type { ArrayPaths, AtPath, ElementOf, ScalarPaths } from "./paths.js";
export type {
  CheckedPath,
  HttpMethod,
  JsonRequestBody,
  OperationOf,
  PathParamsOf,
  RequestRecord,
  ResponseBody,
} from "./spec.js";
