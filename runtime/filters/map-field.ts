import type { MapField } from "../artifact/index.js";
import type { JsonRecord } from "../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { compileExpression } from "../expr/index.js";
import { compileFailure, evaluationFailure, type ModuleRef, moduleRef } from "./filter-error.js";
import { cloneJson, compilePathReader, compilePathWriter, type PathSegment, parsePath } from "../json/path.js";
import { targetSegments } from "./targets.js";

/**
 * What a field reads: `record` is the record (or the array element inside `each`, where `root` is
 * the top record). It is also the variables object of the field's expression, built once per record.
 */
export interface FieldScope {
  record: unknown;
  root?: JsonRecord;
}

/** Writes one field of the output. */
export type FieldWriter = (scope: FieldScope, out: JsonRecord, seq: number) => void;

/** A value for the target, or undefined to leave the target out. */
type ValueReader = (scope: FieldScope, seq: number) => unknown;

/** `nested` is true inside `each`, where expressions also see `root`. */
export function compileMapField(
  field: MapField,
  path: readonly PathSegment[],
  nested: boolean,
  label: string,
): FieldWriter {
  const ref = moduleRef(path, `map → ${label}`);
  let write: (out: JsonRecord, value: unknown) => void;
  let read: ValueReader;
  try {
    write = compilePathWriter(targetSegments(field.target));
    read = compileReader(field, path, nested, ref, label);
  } catch (error) {
    throw error instanceof CannectorsError && error.details.module !== undefined ? error : compileFailure(ref, error);
  }
  const hasDefault = field.default !== undefined;
  const fallback = field.default;
  return (scope, out, seq) => {
    let value = read(scope, seq);
    if ((value === undefined || value === null) && hasDefault) value = cloneJson(fallback);
    if (value !== undefined) write(out, value);
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
    return (scope, seq) => {
      try {
        return expr(scope as unknown as Record<string, unknown>);
      } catch (error) {
        throw evaluationFailure(seq, ref, error);
      }
    };
  }
  if (field.from === undefined) {
    throw new CannectorsError(ErrorCodes.CONFIG_INVALID, "exactly one of from, expr or value is required");
  }
  const from = compilePathReader(parsePath(field.from));
  if (field.each === undefined) return (scope) => from(scope.record);
  const elementFields = field.each.map((sub, index) =>
    compileMapField(sub, [...path, "each", index], true, `${label}[].${sub.target}`),
  );
  return (scope, seq) => {
    const list = from(scope.record);
    if (list === undefined || list === null) return list;
    if (!Array.isArray(list)) {
      throw evaluationFailure(
        seq,
        ref,
        new Error(`each: ${JSON.stringify(field.from)} is a ${typeof list}, not an array`),
      );
    }
    const root = scope.root ?? (scope.record as JsonRecord);
    return list.map((element) => {
      const out: JsonRecord = {};
      const elementScope: FieldScope = { record: element, root };
      for (const write of elementFields) write(elementScope, out, seq);
      return out;
    });
  };
}
