import type { HttpOutput } from "../../artifact/index.js";
import type { ContractViolation, PayloadCheck } from "../../contract/violation.js";
import { parsePath } from "../../json/index.js";
import type { DeliveryRequest } from "./delivery-request.js";

/**
 * What the target's contract finds wrong in one request, record by record. In batch mode a problem
 * under `/<wrap>/<i>/…` is record i's; one above the records (the envelope, the array's length)
 * is every record's. A form body is checked as the record it encodes.
 */
export function requestViolations(
  spec: HttpOutput,
  request: DeliveryRequest,
  check: PayloadCheck,
): ContractViolation[] {
  const records = request.records;
  const payload = spec.encoding === "form" ? records[0]?.value : request.body;
  const problems = check(payload);
  if (problems.length === 0) return [];
  if (!spec.batch) return problems.map((p) => ({ seq: records[0]?.seq ?? 0, ...p }));
  const prefix = `/${spec.batch.wrap ? `${parsePath(spec.batch.wrap).map(escapePointer).join("/")}/` : ""}`;
  return problems.flatMap((p) => {
    const index = p.pointer.startsWith(prefix) ? /^\d+(?=\/|$)/.exec(p.pointer.slice(prefix.length)) : null;
    const record = index ? records[Number(index[0])] : undefined;
    return (record ? [record] : records).map((r) => ({ seq: r.seq, ...p }));
  });
}

function escapePointer(segment: string | number): string {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}
