import { type ASTNode, EvaluationError } from "@marcbachmann/cel-js";
import type { NodeEvaluate } from "./instrument.js";

/** 2^63 as a double: `int(d)` must have -2^63 < d < 2^63 (CEL; the edges round to out of range). */
const LIMIT = 2 ** 63;

/** `int(double)` beyond int64 is a range error in CEL; cel-js converts the edge value. */
export function intOfDouble(node: ASTNode, base: NodeEvaluate): NodeEvaluate | undefined {
  const [name, args] = node.args as unknown as [string, ASTNode[]];
  if (name !== "int" || args?.length !== 1) return undefined;
  return (ev, n, ctx) => {
    const value = ev.run(args[0]!, ctx);
    if (typeof value === "number" && !(value > -LIMIT && value < LIMIT) && Number.isFinite(value)) {
      throw new EvaluationError({ code: "overflow", message: "int64 overflow", node: n } as never);
    }
    return base(ev, n, ctx);
  };
}
