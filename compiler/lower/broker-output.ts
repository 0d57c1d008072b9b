import type { BrokerOutputNode } from "../../dsl/broker-ir.js";
import type { LoweringTools } from "./contract.js";

/** The fields every broker output lowers alike: headers, key, the idempotency key lambda as CEL, batch, dead letter. */
export function lowerBrokerOutputFields(node: BrokerOutputNode, path: string, tools: LoweringTools) {
  let idempotency: { header?: string; key: string } | undefined;
  if (node.idempotency) {
    const key = tools.expressionLambda(node.idempotency.key, `${path}.idempotency.key`, ["record"]);
    idempotency = tools.defined({ header: node.idempotency.header, key: key ?? "<error>" });
  }
  return {
    headers: node.headers ? { ...node.headers } : undefined,
    key: node.key,
    idempotency,
    batch: node.batch ? tools.plain(node.batch) : undefined,
    deadLetter: node.deadLetter ? tools.plain(node.deadLetter) : undefined,
  };
}
