import { scopeToOrigin } from "../../auth/origin-scope.js";
import { durationMs } from "../../artifact/common.js";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { compileFailure, moduleRef } from "../../filters/filter-error.js";
import type { FilterWiring, ItemFailure, PageItem, PageStage, PageStep } from "../../filters/step.js";
import { targetSegments } from "../../filters/targets.js";
import {
  cloneJson,
  compilePathReader,
  copyRecord,
  type JsonRecord,
  type PathSegment,
  parsePath,
  writePath,
} from "../../json/path.js";
import { compileUrlTemplate } from "../../net/url-template.js";
import { AnswerCache, runBounded } from "./answer-cache.js";
import { type Answers, bulkLookups, type KeyedItem, type KeyOf, keyText, singleLookups } from "./lookups.js";
import type { EnrichFilter } from "./schema.js";

/**
 * Looks records up a page at a time: each distinct key once (the cache spares repeats across
 * pages), at most `concurrency` requests in flight, answers merged in the records' order.
 */
export function compileEnrich(filter: EnrichFilter, path: readonly PathSegment[]): PageStep {
  const ref = moduleRef(path, `enrich ← ${filter.path}`);
  let merge: (record: JsonRecord, answer: unknown) => JsonRecord;
  let keyOf: KeyOf;
  try {
    merge = merger(filter);
    // Built here too so that a bad path is a configuration error before the run; open() masks it.
    keyOf = filter.bulk === undefined ? singleKey(filter, (text) => text) : bulkKey(filter.bulk.key);
  } catch (error) {
    throw compileFailure(ref, error);
  }
  return {
    kind: "page",
    open(wiring) {
      if (wiring === undefined) {
        throw new CannectorsError(ErrorCodes.CONFIG_INVALID, `${ref.path}: an enrich filter runs in the engine only`);
      }
      return enrichStage(filter, wiring, ref.path, keyOf, merge);
    },
  };
}

function enrichStage(
  filter: EnrichFilter,
  wiring: FilterWiring,
  where: string,
  keyOf: KeyOf,
  merge: (record: JsonRecord, answer: unknown) => JsonRecord,
): PageStage {
  const context = wiring.context(filter);
  if (filter.bulk === undefined) keyOf = singleKey(filter, (text) => context.redactor.redact(text));
  const auth = scopeToOrigin(wiring.authenticator(filter.auth), filter.baseUrl);
  const ctx = { ...context, auth, timeoutMs: filter.timeout === undefined ? undefined : durationMs(filter.timeout) };
  const cache = filter.cache && new AnswerCache(durationMs(filter.cache.ttl), filter.cache.maxEntries, ctx.clock);
  const headers = { accept: "application/json", ...(filter.headers ?? {}) };
  const lookups = filter.bulk === undefined ? singleLookups(filter, headers, ctx) : bulkLookups(filter, headers, ctx);
  return {
    async page(items) {
      const keyed: KeyedItem[] = items.map((item) => ({ item, key: keyOf(item.value) }));
      const answers: Answers = new Map();
      const missing = new Map<string, KeyedItem>();
      for (const entry of keyed) {
        if (!entry.key.ok || answers.has(entry.key.key) || missing.has(entry.key.key)) continue;
        const kept = cache?.get(entry.key.key);
        if (kept !== undefined) answers.set(entry.key.key, { ok: true, body: kept.value });
        else missing.set(entry.key.key, entry);
      }
      await runBounded(lookups([...missing.values()], answers), filter.concurrency);
      const out: PageItem[] = [];
      const failures: ItemFailure[] = [];
      for (const { item, key } of keyed) {
        const answer = key.ok ? answers.get(key.key)! : key;
        if (answer.ok) {
          if (key.ok && missing.has(key.key)) cache?.set(key.key, answer.body);
          out.push({ seq: item.seq, value: merge(item.value, answer.body) });
          continue;
        }
        const reason = `record #${item.seq}: ${where}: ${answer.reason}`;
        const onFailure = filter.onFailure;
        if (onFailure === "skip") out.push(item);
        else if (onFailure === "deadLetter") failures.push({ seq: item.seq, record: item.value, reason });
        else out.push({ seq: item.seq, value: merge(item.value, cloneJson(onFailure.default)) });
        if (onFailure !== "deadLetter")
          context.logger.warn("lookup failed: record passed on as configured", { seq: item.seq, error: reason });
      }
      return { items: out, failures };
    },
    flush: () => ({ items: [], failures: [] }),
    holding: false,
  };
}

/** The single form's key is the filled URL: one request per distinct URL. */
function singleKey(filter: EnrichFilter, mask: (text: string) => string): KeyOf {
  const template = compileUrlTemplate({ baseUrl: filter.baseUrl, path: filter.path, query: filter.query }, mask);
  return (record) => {
    const filled = template.fill(record);
    return filled.ok ? { ok: true, key: filled.url, url: filled.url, maskedUrl: filled.maskedUrl } : filled;
  };
}

/** The bulk form's key is the key field's text: a scalar, not empty, without the `,` that joins keys. */
function bulkKey(field: string): KeyOf {
  const read = compilePathReader(parsePath(field));
  return (record) => {
    const value = read(record);
    const text = keyText(value);
    if (text === undefined)
      return {
        ok: false,
        reason: `key ${field} is ${value === undefined || value === null ? "missing" : "not a scalar"}`,
      };
    if (text === "" || text.includes(","))
      return {
        ok: false,
        reason: `key ${field} is ${text === "" ? "empty" : "holding a comma"}, which a comma-separated list cannot carry`,
      };
    return { ok: true, key: text, url: "", maskedUrl: "" };
  };
}

function merger(filter: EnrichFilter): (record: JsonRecord, answer: unknown) => JsonRecord {
  if (filter.into !== undefined) {
    const into = targetSegments(filter.into);
    return (record, answer) => {
      const out = copyRecord(record);
      writePath(out, into, answer);
      return out;
    };
  }
  const fields = (filter.fields ?? []).map((field) => ({
    read: compilePathReader(parsePath(field.from)),
    write: targetSegments(field.target),
  }));
  return (record, answer) => {
    const out = copyRecord(record);
    for (const field of fields) {
      const value = field.read(answer);
      if (value !== undefined) writePath(out, field.write, value);
    }
    return out;
  };
}
