import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ConnectorNode, FilterNode, Lambda } from "../../dsl/ir.js";
import { SOURCE_SPAN } from "../../dsl/ir.js";
import { lowerConnector } from "./index.js";

const dir = mkdtempSync(join(tmpdir(), "cannectors-produced-"));
let counter = 0;

/** Each case is one module; `$1`, `$2`… in the pipeline name its lambdas in order of appearance. */
function lowerPipeline(lambdas: string[], pipeline: (fns: Lambda[]) => FilterNode[], key?: number) {
  const text = `type S = { id: string; email: string; name: string; tags: string[] };
type T = { external_app_user_id?: string; email: string; user: { id?: string; name?: string }; vip?: boolean };
${lambdas.map((l, i) => `export const f${i} = ${l};`).join("\n")}
`;
  const file = join(dir, `case-${++counter}.ts`);
  writeFileSync(file, text);
  const fns = lambdas.map((l) => {
    const start = text.indexOf(l);
    return Object.defineProperty(() => undefined, SOURCE_SPAN, {
      value: { file, start, end: start + l.length },
    }) as Lambda;
  });
  const api = { kind: "api", baseUrl: "http://127.0.0.1:1" } as const;
  const node: ConnectorNode = {
    kind: "connector",
    metadata: { name: "c" },
    input: { kind: "input", type: "http", api, method: "GET", path: "/users" },
    filters: pipeline(fns),
    output: {
      kind: "output",
      type: "http",
      api,
      method: "POST",
      path: "/users",
      ...(key === undefined ? {} : { idempotency: { key: fns[key]! } }),
    },
  };
  const { diagnostics } = lowerConnector(node, { sourceFor: () => ({ file: "c.ts", text }) });
  return diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.path} ${d.message.split(" (")[0]}`);
}

const MAP = "(r: S) => ({ email: r.email, user: { name: r.name } })";

describe("a lambda after the map reads only fields the map produces", () => {
  const cases: {
    name: string;
    lambdas: string[];
    pipeline: (f: Lambda[]) => FilterNode[];
    key?: number;
    want: string[];
  }[] = [
    {
      name: "an idempotency key on a target field the map never sets (the dead-lettered Nango case)",
      lambdas: [MAP, "(t: T) => t.external_app_user_id"],
      pipeline: ([map]) => [{ kind: "map", fn: map! }],
      key: 1,
      want: ["4:29 output.idempotency.key reads external_app_user_id, which the map before it does not produce"],
    },
    {
      name: "a key on a mapped field",
      lambdas: [MAP, "(t: T) => t.email"],
      pipeline: ([map]) => [{ kind: "map", fn: map! }],
      key: 1,
      want: [],
    },
    {
      name: "a key on a nested field under a mapped object, but not the one mapped",
      lambdas: [MAP, "(t: T) => t.user.id ?? t.user.name"],
      pipeline: ([map]) => [{ kind: "map", fn: map! }],
      key: 1,
      want: ["4:29 output.idempotency.key reads user.id, which the map before it does not produce"],
    },
    {
      name: "a condition after the map",
      lambdas: [MAP, "(t: T) => t.vip === true"],
      pipeline: ([map, cond]) => [
        { kind: "map", fn: map! },
        // biome-ignore lint/suspicious/noThenProperty: IR data, never awaited
        { kind: "condition", fn: cond!, then: "keep", else: "drop" },
      ],
      want: ["4:29 filters[1].if reads vip, which the map before it does not produce"],
    },
    {
      name: "a compute adds the field the key reads",
      lambdas: [MAP, "(t: T) => ({ vip: true })", "(t: T) => t.vip"],
      pipeline: ([map, compute]) => [
        { kind: "map", fn: map! },
        { kind: "compute", fn: compute! },
      ],
      key: 2,
      want: [],
    },
    {
      name: "before any map the source record is read, which the type checker guards",
      lambdas: ['(s: S) => s.name !== ""', MAP, "(t: T) => t.email"],
      pipeline: ([cond, map]) => [
        // biome-ignore lint/suspicious/noThenProperty: IR data, never awaited
        { kind: "condition", fn: cond!, then: "keep", else: "drop" },
        { kind: "map", fn: map! },
      ],
      key: 2,
      want: [],
    },
    {
      name: "a map keeping unmapped fields may pass any field on",
      lambdas: ["(r: S) => ({ ...r, email: r.email })", "(t: T) => t.external_app_user_id"],
      pipeline: ([map]) => [{ kind: "map", fn: map! }],
      key: 1,
      want: [],
    },
    {
      name: "a branch that maps sets what the key reads",
      lambdas: [MAP, '(s: S) => s.tags.includes("x")', "(t: T) => ({ vip: true })", "(t: T) => t.vip"],
      pipeline: ([map, cond, compute]) => [
        { kind: "map", fn: map! },
        // biome-ignore lint/suspicious/noThenProperty: IR data, never awaited
        { kind: "condition", fn: cond!, then: [{ kind: "compute", fn: compute! }], else: "keep" },
      ],
      key: 3,
      want: ["4:29 filters[1].if reads tags, which the map before it does not produce"],
    },
  ];
  it.each(cases)("$name", ({ lambdas, pipeline, key, want }) => {
    expect(lowerPipeline(lambdas, pipeline, key)).toEqual(want);
  });
});
