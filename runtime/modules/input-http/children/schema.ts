import * as z from "zod";
import { FieldPath, QueryMap, RequestPath } from "../../../artifact/common.js";
import { Pagination } from "../../../pagination/schema.js";

/** A child request's name for a parent value: a `{name}` of the child path, or a query parameter. */
const ParamName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "expected a parameter name such as order_id");

export const ChildIncremental = z
  .strictObject({
    cursorField: FieldPath.describe(
      "Child record field whose value on the parent's last child is that parent's cursor (children come in ascending order).",
    ),
    param: z
      .string()
      .min(1)
      .describe("Query parameter that carries the parent's saved cursor on its next child request."),
    initialValue: z
      .string()
      .optional()
      .describe("Value sent for a parent seen for the first time; omitted when absent."),
  })
  .describe(
    "Incremental per parent: each parent keeps its own child cursor in the connector's state, moved once every child of that parent is settled.",
  );
export type ChildIncremental = z.infer<typeof ChildIncremental>;

export const Children = z
  .strictObject({
    path: RequestPath.describe(
      "The child operation's path on the input's baseUrl, e.g. /orders/{order_id}/items; each `{name}` is filled from `params`, one path segment (the output-path rule: empty, `.` and `..` are that parent's failure).",
    ),
    params: z
      .record(ParamName, FieldPath)
      .default({})
      .describe(
        "Parent field per name: a `{name}` of `path` gets the parent's value as one percent-encoded path segment, any other name is a query parameter.",
      ),
    query: QueryMap.default({}).describe("Constant query parameters of every child request."),
    pagination: Pagination.default({ type: "none" }),
    records: FieldPath.optional().describe(
      "Path to the records array in a child response; absent means the body is the array.",
    ),
    carry: z
      .record(FieldPath, FieldPath)
      .default({})
      .describe(
        "Child record field → parent field: the parent's value, exact, is written into each of its child records (replacing a child field of that name).",
      ),
    key: FieldPath.optional().describe(
      "Parent field naming a parent in dead letters and in per-parent cursors; default the first of `params`.",
    ),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(4)
      .describe("Parents of one parent page whose children are fetched at once; records still come in parent order."),
    incremental: ChildIncremental.optional(),
  })
  .describe(
    "Dependent requests: for each parent record, the child operation (all its pages); the child records are the input's records, in parent order then child page order. A parent whose children fail is dead-lettered with the cause; the run goes on.",
  );
export type Children = z.infer<typeof Children>;
