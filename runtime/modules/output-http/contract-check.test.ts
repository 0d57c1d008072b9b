import { describe, expect, it } from "vitest";
import type { PayloadCheck } from "../../contract/violation.js";
import type { DeliveryRequest } from "./delivery-request.js";
import { requestViolations } from "./contract-check.js";
import { HttpOutput } from "./schema.js";

/** A check that refuses a `balance` string anywhere in the body, with the pointer ajv would give. */
const check: PayloadCheck = (body) => {
  const found: { pointer: string; rule: string; message: string }[] = [];
  const walk = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${pointer}/${i}`);
    } else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "balance" && typeof value === "string")
          found.push({ pointer: `${pointer}/balance`, rule: "#/type", message: "must be integer" });
        walk(value, `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`);
      }
    }
  };
  walk(body, "");
  if (Array.isArray(body) && body.length > 2) found.push({ pointer: "", rule: "#/maxItems", message: "too many" });
  return found;
};

const records = [
  { seq: 7, value: { id: 1, balance: 10 } },
  { seq: 8, value: { id: 2, balance: "10" } },
  { seq: 9, value: { id: 3, balance: 30 } },
];
const request = (body: unknown): DeliveryRequest => ({
  records,
  method: "POST",
  url: "http://127.0.0.1:1/x",
  maskedUrl: "http://127.0.0.1:1/x",
  headers: {},
  body,
  bodyText: JSON.stringify(body),
});
const output = (batch?: object) =>
  HttpOutput.parse({ type: "http", baseUrl: "http://127.0.0.1:1", path: "/x", ...(batch ? { batch } : {}) });

describe("requestViolations", () => {
  it("a problem under the wrap's i-th element is record i's, located in the body", () => {
    const body = { "a/b": { list: records.map((r) => r.value) } };
    expect(requestViolations(output({ size: 3, wrap: "a/b.list" }), request(body), check)).toEqual([
      { seq: 8, pointer: "/a~1b/list/1/balance", rule: "#/type", message: "must be integer" },
    ]);
  });

  it("a problem above the records (the array's length) is every record's", () => {
    const body = records.map((r) => r.value);
    const found = requestViolations(output({ size: 3 }), request(body), check);
    expect(found.filter((v) => v.rule === "#/maxItems").map((v) => v.seq)).toEqual([7, 8, 9]);
    expect(found.filter((v) => v.rule === "#/type").map((v) => v.seq)).toEqual([8]);
  });

  it("in single-record mode the body is the record", () => {
    const single = { ...request(records[1]!.value), records: [records[1]!] };
    expect(requestViolations(output(), single, check)).toEqual([
      { seq: 8, pointer: "/balance", rule: "#/type", message: "must be integer" },
    ]);
  });
});
