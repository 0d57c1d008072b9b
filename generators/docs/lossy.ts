/**
 * Lossy conversions in one mapping: float → int, a timestamp written without its time or zone,
 * truncation, decimal text read as a binary float. `expected` is set when the target's own type
 * asks for exactly that loss (a date-only target fed a date-only format): a remark, not a problem.
 */
import type { FieldRecord } from "../openapi/index.js";
import { type ASTNode, fieldPath, literal, parseCel, walkAst } from "./cel-ast.js";
import type { MappingRow } from "./model-types.js";

export interface Loss {
  message: string;
  expected: boolean;
}

type Fields = ReadonlyMap<string, FieldRecord>;

const isInteger = (f: FieldRecord | undefined) => f?.type === "integer";
const isFloat = (f: FieldRecord | undefined) => f?.type === "number";

function argumentType(node: ASTNode | undefined, source: Fields): FieldRecord | undefined {
  const path = node && fieldPath(node);
  return path === undefined ? undefined : source.get(path);
}

function callLosses(node: ASTNode, source: Fields, target: FieldRecord | undefined): Loss[] {
  if (node.op === "rcall" && node.args[0] === "substring") {
    return [{ message: "truncation: only part of the text is kept (`substring`)", expected: false }];
  }
  if (node.op !== "call") return [];
  const [name, args] = node.args;
  if (name === "int") {
    const arg = args[0];
    const exact =
      isInteger(argumentType(arg, source)) ||
      (arg?.op === "call" && ["parseInt", "toCents", "toUnix"].includes(arg.args[0]));
    return exact ? [] : [{ message: "float → int: `int()` drops the fraction", expected: false }];
  }
  if (name === "round") {
    const digits = args[1] ? literal(args[1]) : undefined;
    return [{ message: `rounding: \`round()\` keeps ${digits ?? "some"} decimal(s)`, expected: false }];
  }
  if (name === "parseNumber" && !isFloat(argumentType(args[0], source))) {
    return [
      { message: "decimal text → binary float: `parseNumber()` may round exact decimals", expected: isFloat(target) },
    ];
  }
  if (name === "formatDate") {
    const pattern = args[1] ? literal(args[1]) : undefined;
    if (typeof pattern !== "string") return [];
    if (!pattern.includes("HH")) {
      return [
        {
          message: `timezone dropped: the timestamp is written as a UTC date only ("${pattern}")`,
          expected: target?.format === "date",
        },
      ];
    }
    if (!pattern.endsWith("Z")) {
      return [
        { message: `timezone dropped: the time is written in UTC without an offset ("${pattern}")`, expected: false },
      ];
    }
  }
  return [];
}

function copyLosses(row: MappingRow, source: Fields, target: FieldRecord | undefined): Loss[] {
  const from = source.get(row.sources[0] ?? "");
  if (!from || !target) return [];
  if (isFloat(from) && isInteger(target)) {
    return [{ message: `float → int: \`${from.path}\` is a number, the target an integer`, expected: false }];
  }
  if (from.format === "date-time" && target.format === "date") {
    return [{ message: `timezone dropped: \`${from.path}\` is a date-time, the target a date`, expected: false }];
  }
  return [];
}

export function lossesOf(row: MappingRow, source: Fields, target: FieldRecord | undefined): Loss[] {
  if (row.kind === "copy") return copyLosses(row, source, target);
  if (row.kind === "constant") return [];
  const losses: Loss[] = [];
  walkAst(parseCel(row.cel), (node) => losses.push(...callLosses(node, source, target)));
  return losses;
}
