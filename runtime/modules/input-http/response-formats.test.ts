import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ErrorCodes, isCannectorsError } from "../../errors/index.js";
import { createHttpInput } from "./http-input.js";
import { collect, collectError, type Harness, harness } from "./test-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function send(res: ServerResponse, type: string, body: string | Buffer, headers: Record<string, string> = {}) {
  res.writeHead(200, { "content-type": type, ...headers });
  res.end(body);
}

const run = async (fields: Record<string, unknown>) =>
  collect(createHttpInput(h!.spec(fields), h!.context()).pages(undefined));
const failuresOf = (page: { failures?: ReadonlyMap<number, { reason: string; source: string }> | undefined }) => [
  ...(page.failures ?? new Map()).entries(),
];

describe("CSV pages", () => {
  it("header row names the fields; values stay strings, quoted fields keep delimiters and newlines", async () => {
    h = await harness((_req, res) =>
      send(res, "text/csv; charset=utf-8", '\uFEFFid,name,amount\r\n1,"Smith, Jo",007\r\n2,"two\r\nlines",\r\n'),
    );
    const [page] = await run({});
    expect(page?.records).toEqual([
      { id: "1", name: "Smith, Jo", amount: "007" },
      { id: "2", name: "two\r\nlines", amount: "" },
    ]);
    expect(page?.failures).toBeUndefined();
    expect(h.server.requests[0]?.headers.accept).toBe("application/json");
  });

  it("format: csv overrides the Content-Type, with its own delimiter and quote, and asks for text/csv", async () => {
    h = await harness((_req, res) => send(res, "application/octet-stream", "id;note\n1;'a;b'\n2;'it''s'\n"));
    const [page] = await run({ response: { format: "csv", csv: { delimiter: ";", quote: "'" } } });
    expect(page?.records).toEqual([
      { id: "1", note: "a;b" },
      { id: "2", note: "it's" },
    ]);
    expect(h.server.requests[0]?.headers.accept).toBe("text/csv");
  });

  it("a row with the wrong number of fields, or bytes that are not UTF-8, fails that row with its row number", async () => {
    const body = Buffer.concat([
      Buffer.from('id,name\n1,"ann\nsmith"\n\n2,bob,extra\r\n3,c'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from("l\n4\n5,eve\n"),
    ]);
    h = await harness((_req, res) => send(res, "text/csv", body));
    const [page] = await run({});
    expect(page?.records).toHaveLength(5);
    expect(page?.records[0]).toEqual({ id: "1", name: "ann\nsmith" });
    expect(page?.records[4]).toEqual({ id: "5", name: "eve" });
    const failures = failuresOf(page!);
    expect(failures.map(([index]) => index)).toEqual([1, 2, 3]);
    expect(failures[0]?.[1].reason).toMatch(/^row 2 \(line 5\) of input page 1 .*: 3 fields, the header has 2$/);
    expect(failures[0]?.[1].source).toContain("2,bob,extra");
    expect(failures[1]?.[1].reason).toMatch(/^row 3 \(line 6\) of .*: bytes that are not UTF-8 on line 6$/);
    expect(failures[2]?.[1].reason).toMatch(/^row 4 \(line 7\) of .*: 1 fields, the header has 2$/);
  });

  it("a quote that never closes, or a header naming a field twice, fails the page", async () => {
    for (const body of ['id,name\n1,"open\n2,x\n', "id,id\n1,2\n"]) {
      h = await harness((_req, res) => send(res, "text/csv", body));
      const { error } = await collectError(createHttpInput(h.spec({}), h.context()).pages(undefined));
      expect(isCannectorsError(error) && error.code).toBe(ErrorCodes.PAGE_INVALID);
      await h.close();
      h = undefined;
    }
  });

  it("pages by page number until a short page", async () => {
    h = await harness((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
      const rows = page === 1 ? "1\n2\n" : page === 2 ? "3\n" : "";
      send(res, "text/csv", `id\n${rows}`);
    });
    const pages = await run({ pagination: { type: "page", size: 2 } });
    expect(pages.flatMap((p) => p.records)).toEqual([{ id: "1" }, { id: "2" }, { id: "3" }]);
  });
});

const ITEMS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns:x="urn:x"><Items>
  <Item id="1"><Name>Ann &amp; Co &#x263A;</Name><Tags><Tag>a</Tag><Tag>b</Tag></Tags></Item>
  <Item id="2"><Name><![CDATA[<raw> &amp;]]></Name><Tags><Tag>c</Tag></Tags><Empty/></Item>
</Items><Next>%NEXT%</Next></Envelope>`;

describe("XML pages", () => {
  it("attributes as @name, text-only elements as strings, the records element always a list", async () => {
    h = await harness((_req, res) => send(res, "application/xml", ITEMS_XML.replace("%NEXT%", "")));
    const [page] = await run({ records: "Envelope.Items.Item", response: { xml: { lists: ["Tags.Tag"] } } });
    expect(page?.records).toEqual([
      { "@id": "1", Name: "Ann & Co ☺", Tags: { Tag: ["a", "b"] } },
      { "@id": "2", Name: "<raw> &amp;", Tags: { Tag: ["c"] }, Empty: "" },
    ]);
  });

  it("one record element is a list of one; without `lists` a single child stays an element", async () => {
    h = await harness((_req, res) =>
      send(res, "text/xml", '<R><Items><Item id="9">only<Tags><Tag>x</Tag></Tags></Item></Items></R>'),
    );
    const [page] = await run({ records: "R.Items.Item" });
    expect(page?.records).toEqual([{ "@id": "9", "#text": "only", Tags: { Tag: "x" } }]);
  });

  it("an empty records container is an empty page; the cursor comes from the XML body", async () => {
    h = await harness((req, res) => {
      const token = new URL(req.url, "http://x").searchParams.get("token");
      if (token === null) return send(res, "application/xml", ITEMS_XML.replace("%NEXT%", "t2"));
      send(res, "application/xml", "<Envelope><Items></Items><Next/></Envelope>");
    });
    const pages = await run({
      records: "Envelope.Items.Item",
      pagination: { type: "cursor", cursorPath: "Envelope.Next", cursorParam: "token" },
    });
    expect(pages.flatMap((p) => p.records.map((r) => (r as Record<string, string>)["@id"]))).toEqual(["1", "2"]);
    expect(h.server.requests.map((r) => r.url)).toEqual(["/items", "/items?token=t2"]);
  });

  it.each([
    [
      "a billion laughs",
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><R><Item>&lol2;</Item></R>`,
      /declares a DOCTYPE; document type declarations are refused/,
    ],
    [
      "an external entity",
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><R><Item>&xxe;</Item></R>`,
      /declares a DOCTYPE/,
    ],
    ["an undeclared entity", "<R><Item>&nbsp;</Item></R>", /entity &nbsp; is not declared/],
    ["a bad character reference", "<R><Item>&#0;</Item></R>", /&#0; is not an XML character/],
    ["a tag left open", "<R><Item>x</R>", /not well-formed XML at line 1, column \d+/],
  ])("%s fails the page before any record is read", async (_name, xml, message) => {
    h = await harness((_req, res) => send(res, "application/xml", xml));
    const { pages, error } = await collectError(
      createHttpInput(h.spec({ records: "R.Item" }), h.context()).pages(undefined),
    );
    expect(pages).toEqual([]);
    expect(isCannectorsError(error) && error.code).toBe(ErrorCodes.PAGE_INVALID);
    expect((error as Error).message).toMatch(message);
  });

  it("nesting deeper than settings.limits.maxDepth fails the page", async () => {
    const deep = `<R><Item>${"<a>".repeat(40)}x${"</a>".repeat(40)}</Item></R>`;
    h = await harness((_req, res) => send(res, "application/xml", deep));
    const input = createHttpInput(h.spec({ records: "R.Item" }), h.context(), 16);
    const { error } = await collectError(input.pages(undefined));
    expect(isCannectorsError(error) && error.code).toBe(ErrorCodes.PAGE_INVALID);
  });
});
