export * from "./auth.js";
export * from "./common.js";
export * from "./connector.js";
export * from "./filters.js";
export * from "./input-http.js";
export { connectorJsonSchema, SCHEMA_ID } from "./json-schema.js";
export * from "./output-http.js";
export * from "./pagination.js";
export * from "./settings.js";
