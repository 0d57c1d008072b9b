/**
 * Options shared by every endpoint call. Each module's own options live in its folder
 * (`runtime/modules/input-http/dsl.ts`, `runtime/modules/output-http/dsl.ts`) and are re-exported here.
 */
export type { HeaderValues, QueryValues } from "./ir.js";

export type {
  InputOptions,
  PathParamsOption,
  RecordOf,
  RecordsOption,
  ResponseFormatOptions,
  SearchOptions,
} from "../runtime/modules/input-http/dsl.js";
export type { BatchOption, OutputOptions, TargetOf } from "../runtime/modules/output-http/dsl.js";
