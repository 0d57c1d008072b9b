export { createErpApp, type ErpAppOptions, type ErpFaults } from "./app.js";
export {
  CLIENT_FIELDS,
  CLIENT_REQUIRED_FIELDS,
  CLIENT_SEGMENTS,
  type ClientSegment,
  type ErpClient,
  MAX_BATCH_SIZE,
  TOKEN_TTL_SECONDS,
} from "./client.js";
export { IdempotencyStore } from "./idempotency.js";
export { createErpState, type ErpState, type ErpStats, erpStats, storeClients } from "./state.js";
export { type ClientCredentials, readClientCredentials, TokenIssuer } from "./tokens.js";
export { type FieldIssue, isValidClient, validateClient } from "./validate.js";
