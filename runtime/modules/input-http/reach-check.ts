import type { HttpInput } from "../../artifact/index.js";

export interface ReachProblem {
  path: (string | number)[];
  message: string;
}

const BODY_PATH = /^[^.\s[\]]+(\.[^.\s[\]]+)*$/;

/** Checks of body-placed values and response formats that the schema cannot express. */
export function checkHttpReach(input: HttpInput): ReachProblem[] {
  const out: ReachProblem[] = [];
  const pagination = input.pagination;
  const bodyParams: [string, string | undefined][] = [];
  if ("in" in pagination && pagination.in === "body") {
    if (pagination.type === "cursor")
      bodyParams.push(["cursorParam", pagination.cursorParam], ["limitParam", pagination.limitParam]);
    if (pagination.type === "offset")
      bodyParams.push(["offsetParam", pagination.offsetParam], ["limitParam", pagination.limitParam]);
    if (pagination.type === "page")
      bodyParams.push(["pageParam", pagination.pageParam], ["sizeParam", pagination.sizeParam]);
    if (input.method !== "POST")
      out.push({ path: ["input", "pagination", "in"], message: "values in the body need method: POST" });
  }
  for (const [key, value] of bodyParams) {
    if (value !== undefined && !BODY_PATH.test(value)) {
      out.push({
        path: ["input", "pagination", key],
        message: `${JSON.stringify(value)} is not a body path such as paging.cursor`,
      });
    }
  }
  const incremental = input.incremental;
  if (incremental?.in === "body") {
    if (input.method !== "POST")
      out.push({ path: ["input", "incremental", "in"], message: "values in the body need method: POST" });
    if (!BODY_PATH.test(incremental.param)) {
      out.push({
        path: ["input", "incremental", "param"],
        message: `${JSON.stringify(incremental.param)} is not a body path such as filter.updated_after`,
      });
    }
  } else if (incremental?.as !== undefined) {
    out.push({
      path: ["input", "incremental", "as"],
      message: "as applies to a cursor in the body (in: body); a query parameter is text",
    });
  }
  const format = input.response?.format;
  if (format === "csv" && input.records !== undefined) {
    out.push({ path: ["input", "records"], message: "a CSV page's records are its rows: remove records" });
  }
  if (format === "xml" && input.records === undefined) {
    out.push({
      path: ["input", "records"],
      message: "an XML page needs records: the path of the repeated record element, e.g. Envelope.Items.Item",
    });
  }
  if (input.response?.csv !== undefined && format !== undefined && format !== "csv") {
    out.push({ path: ["input", "response", "csv"], message: `csv options with format: ${format}` });
  }
  if (input.response?.xml !== undefined && format !== undefined && format !== "xml") {
    out.push({ path: ["input", "response", "xml"], message: `xml options with format: ${format}` });
  }
  return out;
}
