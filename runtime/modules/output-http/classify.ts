import type { ResponseClasses, StatusPattern } from "../../artifact/index.js";

export type StatusClass = "success" | "retry" | "rateLimited" | "fail";

/** Class order is part of the contract: the first class with a matching pattern wins. */
const CLASS_ORDER: readonly StatusClass[] = ["success", "retry", "rateLimited", "fail"];

export function statusMatches(status: number, pattern: StatusPattern): boolean {
  if (typeof pattern === "number") return status === pattern;
  const family = /^([1-5])xx$/.exec(pattern);
  if (family) return Math.floor(status / 100) === Number(family[1]);
  const range = /^(\d{3})-(\d{3})$/.exec(pattern);
  if (range) return status >= Number(range[1]) && status <= Number(range[2]);
  return false;
}

/**
 * Each output's classes, status by status, as first worked out: matching re-ran a regular expression
 * per pattern on every response (one POST per record in single-record mode). A status is three
 * digits, so at most a thousand entries per output; the classes are the artifact's, never changed.
 */
const known = new WeakMap<ResponseClasses, Map<number, StatusClass>>();

/** Unmatched statuses fail: sending again what the API did not expect would only repeat the surprise. */
export function classifyStatus(status: number, classes: ResponseClasses): StatusClass {
  let byStatus = known.get(classes);
  if (byStatus === undefined) {
    byStatus = new Map();
    known.set(classes, byStatus);
  }
  let statusClass = byStatus.get(status);
  if (statusClass === undefined) {
    statusClass = matchClass(status, classes);
    byStatus.set(status, statusClass);
  }
  return statusClass;
}

function matchClass(status: number, classes: ResponseClasses): StatusClass {
  for (const name of CLASS_ORDER) {
    if (classes[name].some((pattern) => statusMatches(status, pattern))) return name;
  }
  return "fail";
}
