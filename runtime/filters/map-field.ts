import type { MapField } from "../artifact/index.js";
import type { JsonRecord } from "../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { compileExpression } from "../expr/index.js";
import { compileFailure, evaluationFailure, type ModuleRef, moduleRef } from "./filter-error.js";
import { cloneJson, type PathSegment, parsePath, readPath, writePath } from "../json/path.js";
import { targetSegments } from "./targets.js";

/** Writes one field of the output. `source` is the record (or array element), `root` the top record. */
export type FieldWriter = (source: unknown, root: JsonRecord, out: JsonRecord, seq: number) => void;

/** A value for the target, or undefined to leave the target out. */
type ValueReader = (source: unknown, root: JsonRecord, seq: number) => unknown;

/** `nested` is true inside `each`, where expressions also see `root`. */
export function compileMapField(
  field: MapField,
  path: readonly PathSegment[],
  nested: boolean,
  label: string,
): FieldWriter {
  const ref = moduleRef(path, `map → ${label}`);
  let target: string[];
  let read: ValueReader;
  try {
    target = targetSegments(field.target);
    read = compileReader(field, path, nested, ref, label);
  } catch (error) {
    throw error instanceof CannectorsError && error.details.module !== undefined ? error : compileFailure(ref, error);
  }
  const hasDefault = field.default !== undefined;
  const fallback = field.default;
  return (source, root, out, seq) => {
    let value = read(source, root, seq);
    if ((value === undefined || value === null) && hasDefault) value = cloneJson(fallback);
    if (value !== undefined) writePath(out, target, value);
  };
}

function compileReader(
  field: MapField,
  path: readonly PathSegment[],
  nested: boolean,
  ref: ModuleRef,
  label: string,
): ValueReader {
  if (field.value !== undefined) {
    const constant = field.value;
    return typeof constant === "object" && constant !== null ? () => cloneJson(constant) : () => constant;
  }
  if (field.expr !== undefined) {
    const expr = compileExpression(field.expr, nested ? ["record", "root"] : ["record"]);
    return (source, root, seq) => {
      try {
        return nested ? expr({ record: source, root }) : expr({ record: source });
      } catch (error) {
        throw evaluationFailure(seq, ref, error);
      }
    };
  }
  if (field.from === undefined) {
    throw new CannectorsError(ErrorCodes.CONFIG_INVALID, "exactly one of from, expr or value is required");
  }
  const from = parsePath(field.from);
  if (field.each === undefined) return (source) => readPath(source, from);
  const elementFields = field.each.map((sub, index) =>
    compileMapField(sub, [...path, "each", index], true, `${label}[].${sub.target}`),
  );
  return (source, root, seq) => {
    const list = readPath(source, from);
    if (list === undefined || list === null) return list;
    if (!Array.isArray(list)) {
      throw evaluationFailure(
        seq,
        ref,
        new Error(`each: ${JSON.stringify(field.from)} is a ${typeof list}, not an array`),
      );
    }
    return list.map((element) => {
      const out: JsonRecord = {};
      for (const write of elementFields) write(element, root, out, seq);
      return out;
    });
  };
}
