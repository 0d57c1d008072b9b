/** Routes, fanout and fallback outputs → `routes([route(...)], { default })`, `fanout(..., via(...))`, `fallback(a, b)`. */
import type { Filter, HttpOutput, Output } from "../../runtime/artifact/index.js";
import { sqlOutputCall } from "../../runtime/modules/output-sql/import.js";
import { filesOutputCall } from "../../runtime/modules/output-files/import.js";
import { amqpExchangeCall, mqttPublishCall, natsSubjectCall, redisStreamAppendCall } from "./import-broker.js";
import { filterCall, type ImportContext } from "./import-filters.js";

type Written<T> = { [K in keyof T]?: T[K] };

/** The call for `output`; each HTTP output it holds is written by `leaf` (which declares its api), a broker or SQL output by its own call. */
export function outputTreeCall(
  output: Written<Output>,
  context: ImportContext,
  leaf: (output: Written<HttpOutput>) => string,
): string {
  const nested = (child: unknown) => outputTreeCall(child as Written<Output>, context, leaf);
  const spec = output as Output;
  switch (spec.type) {
    case "routes": {
      context.use("routes");
      context.use("route");
      context.use("cel");
      const list = spec.routes.map((r) => `route((r) => cel(${JSON.stringify(r.when)}), ${nested(r.output)})`);
      const otherwise = spec.default === "drop" ? '"drop"' : nested(spec.default);
      return `routes([${list.join(", ")}], { default: ${otherwise} })`;
    }
    case "fanout": {
      context.use("fanout");
      const outputs = spec.outputs.map((branch) => {
        const filters = (branch.filters ?? []) as Filter[];
        if (filters.length === 0) return nested(branch.output);
        context.use("via");
        return `via(${nested(branch.output)}, (b) => b${filters.map((f) => filterCall(f, context, "")).join("")})`;
      });
      return `fanout(${outputs.join(", ")})`;
    }
    case "fallback":
      context.use("fallback");
      return `fallback(${nested(spec.primary)}, ${nested(spec.fallback)})`;
    case "sql":
      return sqlOutputCall(spec, context);
    case "files":
      return filesOutputCall(spec, context);
    case "amqp":
      return amqpExchangeCall(spec, context);
    case "nats":
      return natsSubjectCall(spec, context);
    case "redis":
      return redisStreamAppendCall(spec, context);
    case "mqtt":
      return mqttPublishCall(spec, context);
    default:
      return leaf(output as Written<HttpOutput>);
  }
}
