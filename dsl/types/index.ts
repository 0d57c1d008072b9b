export type { Exact, UnknownTargetField } from "./exact.js";
export type { ArrayPaths, AtPath, ElementOf, ScalarPaths } from "./paths.js";
export type {
  CheckedPath,
  HttpMethod,
  JsonRequestBody,
  OnKnownPath,
  OperationOf,
  PathParamsOf,
  RequestRecord,
  ResponseBody,
  UnknownPathRecord,
} from "./spec.js";
