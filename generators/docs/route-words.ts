/** A routes, fanout or fallback output as the branches the flow diagram draws: which records reach which output. */
import type { Connector } from "../../runtime/artifact/index.js";
import { formatPath } from "../../runtime/diagnostics/index.js";
import type { HttpOutput } from "../../runtime/modules/output-http/schema.js";
import { brokerOutputFlow } from "./broker-words.js";
import { celWords } from "./cel-words.js";
import { filesSummary } from "./files-words.js";
import type { FlowRoute } from "./model-types.js";

type Output = Connector["output"];

/** An output that holds other outputs. */
export type CompositeOutput = Extract<Output, { type: "routes" | "fanout" | "fallback" }>;

/** One branch per HTTP or broker output the records may reach (and one per `drop`), labelled by the way there. */
export function flowRoutes(output: Output, path: (string | number)[] = ["output"], way: string[] = []): FlowRoute[] {
  const at = (...more: (string | number)[]) => [...path, ...more];
  switch (output.type) {
    case "http":
      return [{ path: formatPath(path), when: way.join(", then ") || "every record", ...httpSummary(output) }];
    case "sql":
      return [{ path: formatPath(path), when: way.join(", then ") || "every record", ...sqlSummary(output) }];
    case "amqp":
    case "nats":
    case "redis":
    case "mqtt":
      return [{ path: formatPath(path), when: way.join(", then ") || "every record", ...brokerOutputFlow(output) }];
    case "files":
      return [{ path: formatPath(path), when: way.join(", then ") || "every record", ...filesSummary(output) }];
    case "routes":
      return [
        ...output.routes.flatMap((route, i) =>
          flowRoutes(route.output, at("routes", i, "output"), [...way, `when ${celWords(route.when)}`]),
        ),
        ...(output.default === "drop"
          ? [
              {
                path: formatPath(at("default")),
                when: [...way, "otherwise"].join(", then "),
                summary: "dropped",
                detail: "",
              },
            ]
          : flowRoutes(output.default, at("default"), [...way, "otherwise"])),
      ];
    case "fanout":
      return output.outputs.flatMap((branch, i) =>
        flowRoutes(branch.output, at("outputs", i, "output"), [
          ...way,
          branch.filters.length > 0
            ? `every record, through ${branch.filters.length} filter(s) of its own`
            : "every record",
        ]),
      );
    case "fallback":
      return [
        ...flowRoutes(output.primary, at("primary"), [...way, "first"]),
        ...flowRoutes(output.fallback, at("fallback"), [...way, "if the first refuses it"]),
      ];
  }
}

export function httpSummary(output: HttpOutput): { summary: string; detail: string } {
  return { summary: `${output.method} ${output.path}`, detail: new URL(output.baseUrl).host };
}

export function sqlSummary(output: Extract<Output, { type: "sql" }>): { summary: string; detail: string } {
  return { summary: `${output.mode} into ${output.table}`, detail: "SQL table" };
}

/** What the Output box says for a composite output. */
export function compositeSummary(output: CompositeOutput): { summary: string; detail: string } {
  const count = flowRoutes(output).length;
  const what = { routes: "first matching route", fanout: "every output", fallback: "fallback on refusal" }[output.type];
  return { summary: `${output.type}: ${what}`, detail: `${count} branches` };
}
