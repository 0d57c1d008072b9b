export type { FieldRecord } from "./field-record.js";
export { type FlattenOptions, flattenSchema } from "./flatten.js";
export { type LoadSpecOptions, loadSpec } from "./load-spec.js";
export type {
  ApiKeyScheme,
  HttpMethod,
  HttpScheme,
  LoadedSpec,
  OAuth2Scheme,
  Operation,
  OtherScheme,
  Parameter,
  RequestBody,
  Response,
  SecurityScheme,
  SpecVersion,
} from "./model.js";
export { type OpenApi3Document, openApi3Document } from "./openapi3-document.js";
export { formatProblem, type SpecProblem } from "./problems.js";
export { parseText } from "./read-document.js";
export { preferredContent } from "./read-operations.js";
export { type RecordsLocation, recordsOf } from "./records.js";
export type { Alternatives, JsonType, Schema } from "./schema.js";
export { unionView } from "./union-view.js";
