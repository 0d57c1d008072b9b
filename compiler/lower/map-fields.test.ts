import { describe, expect, it } from "vitest";
import type { MapField } from "../../runtime/artifact/index.js";
import { MapFilter } from "../../runtime/artifact/index.js";
import { located, lowerIn } from "./test-support.js";

const PRELUDE = `import { cents, date, lookup } from "cannectors";
const SEGMENTS = { active: "STANDARD", lead: "PROSPECT" } as const;
const DEFAULT_TAGS = ["new"] as const;
`;

const cases: { name: string; given: string; want: MapField[]; keepUnmapped?: boolean }[] = [
  {
    name: "the crm-to-erp map",
    given: `(c: R) => ({
    client_id: c.id,
    full_name: \`\${c.first} \${c.last}\`,
    email: c.email.trim().toLowerCase(),
    segment: lookup(SEGMENTS, c.status),
    balance_cents: cents(c.balance),
    customer_since: date.format(date.parse(c.created, "iso"), "yyyy-MM-dd"),
    city: c.addr.city,
    country: c.addr.country,
    tags: c.tags,
  })`,
    want: [
      { target: "client_id", from: "id" },
      { target: "full_name", expr: 'concat(record.first, " ", record.last)' },
      { target: "email", expr: "lower(trim(record.email))" },
      { target: "segment", expr: 'lookup({"active": "STANDARD", "lead": "PROSPECT"}, record.status)' },
      { target: "balance_cents", expr: "toCents(record.balance)" },
      { target: "customer_since", expr: 'formatDate(parseDate(record.created, "iso"), "yyyy-MM-dd")' },
      { target: "city", from: "addr.city" },
      { target: "country", from: "addr.country" },
      { target: "tags", from: "tags" },
    ],
  },
  {
    name: "nested objects become dotted targets",
    given: "(c: R) => ({ address: { city: c.addr.city, geo: { zip: c.addr.zip } }, empty: {} })",
    want: [
      { target: "address.city", from: "addr.city" },
      { target: "address.geo.zip", from: "addr.zip" },
      { target: "empty", value: {} },
    ],
  },
  {
    name: "literals and folded constants are values",
    given:
      '(c: R) => ({ source: "crm", version: 2, active: true, none: null, neg: -1, segments: SEGMENTS, tags: DEFAULT_TAGS, list: [1, "a"] })',
    want: [
      { target: "source", value: "crm" },
      { target: "version", value: 2 },
      { target: "active", value: true },
      { target: "none", value: null },
      { target: "neg", value: -1 },
      { target: "segments", value: { active: "STANDARD", lead: "PROSPECT" } },
      { target: "tags", value: ["new"] },
      { target: "list", value: [1, "a"] },
    ],
  },
  {
    name: "path ?? literal is from with a default; optional chains are paths",
    given: '(c: R) => ({ zip: c.addr.zip ?? "00000", x: c.opt?.x, y: c.opt?.x ?? null, z: c.opt?.x ?? c.a })',
    want: [
      { target: "zip", from: "addr.zip", default: "00000" },
      { target: "x", from: "opt.x" },
      { target: "y", from: "opt.x", default: null },
      { target: "z", expr: "coalesce(record.opt.x, record.a)" },
    ],
  },
  {
    name: "element access and non-path keys",
    given:
      '(c: R & Record<string, string>) => ({ first: c.items[0].sku, spaced: c["first name"], all: c, quoted: c["id"] })',
    want: [
      { target: "first", from: "items[0].sku" },
      { target: "spaced", expr: 'record["first name"]' },
      { target: "all", expr: "record" },
      { target: "quoted", from: "id" },
    ],
  },
  {
    name: "list.map becomes each; the outer record is root",
    given:
      "(c: R) => ({ lines: c.items.map((i) => ({ sku: i.sku, qty: i.qty ?? 0, order: c.id, label: `${c.id}-${i.sku}` })) })",
    want: [
      {
        target: "lines",
        from: "items",
        each: [
          { target: "sku", from: "sku" },
          { target: "qty", from: "qty", default: 0 },
          { target: "order", expr: "root.id" },
          { target: "label", expr: 'concat(root.id, "-", record.sku)' },
        ],
      },
    ],
  },
  {
    name: "nested each keeps root as the top record",
    given:
      "(c: R) => ({ lines: c.items.map((i) => ({ codes: i.parts.map((p) => ({ code: p.code, order: c.id })) })) })",
    want: [
      {
        target: "lines",
        from: "items",
        each: [
          {
            target: "codes",
            from: "parts",
            each: [
              { target: "code", from: "code" },
              { target: "order", expr: "root.id" },
            ],
          },
        ],
      },
    ],
  },
  {
    name: "a spread of the parameter keeps unmapped fields",
    given: "(c: R) => ({ ...c, id: c.id.toUpperCase() })",
    want: [{ target: "id", expr: "upper(record.id)" }],
    keepUnmapped: true,
  },
  {
    name: "shorthand properties and block bodies",
    given: "(c: R) => { return { SEGMENTS }; }",
    want: [{ target: "SEGMENTS", value: { active: "STANDARD", lead: "PROSPECT" } }],
  },
];

describe("lowerLambda map", () => {
  it.each(cases)("$name", ({ given, want, keepUnmapped = false }) => {
    const result = lowerIn(PRELUDE, given, "map");
    expect(located(result)).toEqual([]);
    expect(result.lowered).toEqual({ role: "map", fields: want, keepUnmapped });
    expect(MapFilter.safeParse({ type: "map", fields: want }).success).toBe(true);
  });
});
