import type { PageItem } from "../../filters/step.js";
import { ExactNumber } from "../../json/exact-number.js";
import { compilePathReader, type JsonRecord, parsePath } from "../../json/path.js";
import { compileUrlTemplate } from "../../net/url-template.js";
import { type LookupAnswer, type LookupContext, lookup } from "./lookup.js";
import type { EnrichFilter } from "./schema.js";

export type RecordKey = { ok: true; key: string; url: string; maskedUrl: string } | { ok: false; reason: string };
export type KeyOf = (record: JsonRecord) => RecordKey;
export interface KeyedItem {
  item: PageItem;
  key: RecordKey;
}
/** Answers by key, each the part of the response a record merges. */
export type Answers = Map<string, LookupAnswer>;
type Lookups = (missing: KeyedItem[], answers: Answers) => (() => Promise<void>)[];

/** One GET per distinct URL; the answer is the body, or its `records` field. */
export function singleLookups(filter: EnrichFilter, headers: Record<string, string>, ctx: LookupContext): Lookups {
  const select = answerAt(filter.records);
  return (missing, answers) =>
    missing.map(({ key }) => async () => {
      if (!key.ok) return;
      answers.set(key.key, select(await lookup(key.url, key.maskedUrl, headers, ctx)));
    });
}

/**
 * One GET per `maxBatch` keys (`?ids=a,b,c`, set through URLSearchParams). Each item of the answer
 * is matched back to its key by `match`; a key no item answers is that key's failure.
 */
export function bulkLookups(filter: EnrichFilter, headers: Record<string, string>, ctx: LookupContext): Lookups {
  const bulk = filter.bulk!;
  const template = compileUrlTemplate({ baseUrl: filter.baseUrl, path: filter.path, query: filter.query }, (text) =>
    ctx.redactor.redact(text),
  );
  const list = answerAt(bulk.records);
  const matchOf = compilePathReader(parsePath(bulk.match));
  return (missing, answers) => {
    const keys = missing.flatMap(({ key }) => (key.ok ? [key.key] : []));
    const chunks: string[][] = [];
    for (let at = 0; at < keys.length; at += bulk.maxBatch) chunks.push(keys.slice(at, at + bulk.maxBatch));
    return chunks.map((chunk) => async () => {
      const base = template.fill({});
      if (!base.ok) throw new Error(base.reason);
      const query = new URLSearchParams({ [bulk.param]: chunk.join(",") }).toString();
      const join = base.url.includes("?") ? "&" : "?";
      const answer = list(await lookup(base.url + join + query, base.maskedUrl + join + query, headers, ctx));
      if (!answer.ok || !Array.isArray(answer.body)) {
        const reason = answer.ok
          ? `the answer${bulk.records ? ` at ${bulk.records}` : ""} is not a list`
          : answer.reason;
        for (const key of chunk) answers.set(key, { ok: false, reason });
        return;
      }
      const byKey = new Map<string, unknown>();
      for (const item of answer.body) {
        const matched = keyText(matchOf(item));
        if (matched !== undefined && !byKey.has(matched)) byKey.set(matched, item);
      }
      for (const key of chunk) {
        answers.set(
          key,
          byKey.has(key)
            ? { ok: true, body: byKey.get(key) }
            : { ok: false, reason: `no item of the answer has ${bulk.match} = ${JSON.stringify(key)}` },
        );
      }
    });
  };
}

function answerAt(path: string | undefined): (answer: LookupAnswer) => LookupAnswer {
  if (path === undefined) return (answer) => answer;
  const read = compilePathReader(parsePath(path));
  return (answer) => {
    if (!answer.ok) return answer;
    const body = read(answer.body);
    return body === undefined ? { ok: false, reason: `the answer has no ${path}` } : { ok: true, body };
  };
}

/** A key's text: equal for the record's field and the answer's item (1 and "1" alike, as in a URL). */
export function keyText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  return value instanceof ExactNumber ? value.text : undefined;
}
