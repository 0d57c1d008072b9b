/** The public entry of `cannectors`: typed builders for connectors written in TypeScript. */
export { type Api, type ApiOptions, api } from "./api.js";
export {
  type AmqpExchangeOptions,
  type AmqpQueueOptions,
  amqpExchange,
  amqpQueue,
  type MqttPublishOptions,
  type MqttTopicsOptions,
  mqttPublish,
  mqttTopics,
  type NatsStreamOptions,
  type NatsSubjectOptions,
  natsStream,
  natsSubject,
  type RedisStreamAppendOptions,
  type RedisStreamOptions,
  redisStream,
  redisStreamAppend,
} from "./broker.js";
export type * from "./broker-ir.js";
export { type ChildOptions, children, type ParentFieldOf, type WithCarried } from "./children.js";
export { apiKey, basic, bearer, oauth2AuthorizationCode, oauth2ClientCredentials } from "./auth.js";
export {
  type AfterBranch,
  type AfterWhen,
  Branch,
  type BranchArg,
  type BranchLiteral,
  type Computed,
  type Unset,
  type WhenBranches,
} from "./branch.js";
export {
  type Connector,
  type ConnectorDraft,
  ConnectorBuilder,
  type ConnectorOptions,
  connector,
  type RecordType,
  type SourcedConnector,
} from "./connector.js";
export type { InputEndpoint, OutputEndpoint } from "./endpoint.js";
export type { InputOptions, OutputOptions, RecordOf, SearchOptions, TargetOf } from "./endpoint-options.js";
export * from "./helpers/index.js";
export * from "./ir.js";
export {
  cursor,
  linkHeader,
  nextUrl,
  noPagination,
  offset,
  type PageInfo,
  type PageResponse,
  type Pagination,
  page,
} from "../runtime/modules/input-http/dsl.js";
export { env, isRefNode, secret, text } from "./refs.js";
export type * from "./types/index.js";
export {
  github,
  hmac,
  standardWebhooks,
  stripe,
  unverified,
  type WebhookOptions,
  type WebhookRecords,
  webhook,
} from "../runtime/modules/input-webhook/dsl.js";
export type { WebhookInputNode, WebhookVerifyNode } from "./webhook-ir.js";
// Several outputs: routes, fan-out and fallback (their builders live in their module folders).
export { type Route, route, routes } from "../runtime/modules/output-routes/dsl.js";
export { fanout, type Recipient, via } from "../runtime/modules/output-fanout/dsl.js";
export { fallback } from "../runtime/modules/output-fallback/dsl.js";
export { type SqlTableOptions, sqlTable } from "../runtime/modules/output-sql/dsl.js";
export { sqlQuery, sqlSource } from "../runtime/modules/input-sql/dsl.js";
export type { SqlInputNode, SqlOutputNode, SqlTlsNode } from "./sql-ir.js";
export {
  type FilesOptions,
  type FilesOutputNode,
  files,
  type S3SettingsNode,
} from "../runtime/modules/output-files/dsl.js";
export {
  type ColumnType,
  type Db,
  type DbOptions,
  db,
  type Generated,
  type GeneratedAlways,
  type Insertable,
  type Selectable,
} from "./db.js";
