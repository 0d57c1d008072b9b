import type { ASTNode } from "@marcbachmann/cel-js";
import type { Evaluator, NodeEvaluate } from "./instrument.js";

/** `+02:00`, `-09:30`, `02:00` (positive): what CEL accepts besides IANA names, and Intl does not. */
const OFFSET = /^([+-]?)(\d{2}):(\d{2})$/;

const GETTERS: Record<string, (shifted: Date) => number> = {
  getDate: (d) => d.getUTCDate(),
  getDayOfMonth: (d) => d.getUTCDate() - 1,
  getDayOfWeek: (d) => d.getUTCDay(),
  getDayOfYear: (d) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000),
  getFullYear: (d) => d.getUTCFullYear(),
  getHours: (d) => d.getUTCHours(),
  getMinutes: (d) => d.getUTCMinutes(),
  getMonth: (d) => d.getUTCMonth(),
  getSeconds: (d) => d.getUTCSeconds(),
  getMilliseconds: (d) => d.getUTCMilliseconds(),
};

/**
 * `timestamp.getHours('+02:00')` and the other accessors with a zone: cel-js hands the zone to
 * Intl, which refuses fixed offsets (RangeError). A fixed offset is a shift of the instant; an IANA
 * name still goes to cel-js.
 */
export function fixedOffsetGetter(node: ASTNode, base: NodeEvaluate): NodeEvaluate | undefined {
  const [name, receiverNode, argNodes] = node.args as unknown as [string, ASTNode, ASTNode[]];
  const getter = Object.hasOwn(GETTERS, name) ? GETTERS[name] : undefined;
  if (getter === undefined || argNodes?.length !== 1) return undefined;
  return (ev: Evaluator, n: ASTNode, ctx: unknown) => {
    const zone = ev.run(argNodes[0]!, ctx);
    const offset = typeof zone === "string" ? OFFSET.exec(zone) : null;
    if (offset === null) return base(ev, n, ctx);
    const time = ev.run(receiverNode, ctx);
    if (!(time instanceof Date)) return base(ev, n, ctx);
    const minutes = (Number(offset[2]) * 60 + Number(offset[3])) * (offset[1] === "-" ? -1 : 1);
    return BigInt(getter(new Date(time.getTime() + minutes * 60_000)));
  };
}
