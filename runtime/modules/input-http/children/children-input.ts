import type { InputModule, JsonRecord, RecordFailure, SourcePage } from "../../../engine/modules.js";
import { CannectorsError, describeError, ErrorCodes } from "../../../errors/index.js";
import { DEFAULT_MAX_DEPTH, getPath, stringifyJson } from "../../../json/index.js";
import { createHttpInput } from "../http-input.js";
import type { FetchContext } from "../page-fetcher.js";
import type { HttpInput } from "../schema.js";
import { type ChildRequests, compileChildRequests, scalarText } from "./child-request.js";
import { startInOrder } from "./in-order.js";
import type { Children } from "./schema.js";
import { type ChildrenState, decodeChildrenState, encodeChildrenState } from "./state.js";

/** What became of one parent: its children's pages (all of them), or why it failed. */
type Outcome =
  | { kind: "children"; pages: SourcePage[]; url: string; key: string | undefined; cursor: string | undefined }
  | { kind: "failed"; failure: RecordFailure }
  | { kind: "stopped"; error: unknown };

/**
 * The HTTP input with `children`: the parent operation's pages (the plain HTTP input), and for each
 * parent record the child operation, every page of it, through the same input code (fetcher,
 * retries, pagination, decoding). The children of one parent page are fetched `concurrency` at a
 * time; they are yielded in parent order, then child page order. A parent's children are yielded
 * once all of its pages are in, so a failing child page makes that parent one dead letter (the
 * parent's JSON and the cause) and none of its children half-delivered.
 *
 * The page cursors are the state (./state.ts): the parent cursor moves to a value once a parent
 * with a later value comes (ties are never split), each parent's child cursor with its last page.
 */
export function createChildrenInput(
  spec: HttpInput & { children: Children },
  ctx: FetchContext,
  maxDepth: number = DEFAULT_MAX_DEPTH,
): InputModule {
  const { children } = spec;
  const requests = compileChildRequests(spec.baseUrl, children);
  const parentInput = createHttpInput({ ...spec, children: undefined }, ctx, maxDepth);
  const childSpec: HttpInput = {
    ...spec,
    method: "GET",
    body: undefined,
    pathParams: undefined,
    pagination: children.pagination,
    records: children.records,
    incremental: children.incremental && { ...children.incremental, in: undefined, as: undefined },
    contract: undefined,
    children: undefined,
  };
  const keepsCursor = spec.incremental !== undefined || children.incremental !== undefined;
  const parentCursorField = spec.incremental?.cursorField;

  return {
    async *pages(savedCursor) {
      const state = decodeChildrenState(savedCursor);
      const stop = new AbortController();
      const childCtx: FetchContext = { ...ctx, signal: AbortSignal.any([ctx.signal, stop.signal]) };
      const fetchChildren = childFetcher(childSpec, requests, state, childCtx, maxDepth);
      const cursor = () => (keepsCursor ? encodeChildrenState(state) : undefined);
      let number = 0;
      let lastParentValue: string | undefined;
      try {
        for await (const parentPage of parentInput.pages(state.parent)) {
          const parents = parentPage.records;
          const outcomes = startInOrder(parents.length, children.concurrency, (index) => {
            const unreadable = parentPage.failures?.get(index);
            if (unreadable) return Promise.resolve<Outcome>({ kind: "failed", failure: unreadable });
            return fetchChildren(parents[index], `parent ${index + 1} of input page ${parentPage.number}`);
          });
          for (let index = 0; index < parents.length; index++) {
            const outcome = await outcomes[index]!;
            if (outcome.kind === "stopped") throw outcome.error;
            // Ascending parents: every parent at the previous value is settled before this one's records.
            const value =
              parentCursorField === undefined ? undefined : scalarText(getPath(parents[index], parentCursorField));
            if (value !== undefined) {
              if (lastParentValue !== undefined && value !== lastParentValue) state.parent = lastParentValue;
              lastParentValue = value;
            }
            if (outcome.kind === "failed") {
              const failures = new Map([[0, outcome.failure]]);
              yield { number: ++number, url: parentPage.url, records: [parents[index]], failures, cursor: cursor() };
              continue;
            }
            if (outcome.key !== undefined && outcome.cursor !== undefined)
              state.children.set(outcome.key, outcome.cursor);
            const last = outcome.pages.length - 1;
            for (const [at, page] of outcome.pages.entries()) {
              yield { ...page, number: ++number, cursor: at === last ? cursor() : undefined };
            }
            if (last < 0 && keepsCursor) yield { number: ++number, url: outcome.url, records: [], cursor: cursor() };
          }
        }
        if (lastParentValue !== undefined && state.parent !== lastParentValue) {
          state.parent = lastParentValue;
          yield { number: ++number, url: spec.baseUrl, records: [], cursor: cursor() };
        }
      } finally {
        // The engine stopped pulling (or a page failed): cancel the children still being fetched.
        stop.abort(new CannectorsError(ErrorCodes.CANCELLED, "input stopped"));
      }
    },
  };
}

/** Fetches every child page of one parent; never rejects (a failure is the parent's outcome). */
function childFetcher(
  childSpec: HttpInput,
  requests: ChildRequests,
  state: ChildrenState,
  ctx: FetchContext,
  maxDepth: number,
): (parent: unknown, where: string) => Promise<Outcome> {
  const incremental = childSpec.incremental;
  return async (parent, where) => {
    const key = requests.key(parent);
    const named = key === undefined ? where : `${where} (${requests.keyField} ${JSON.stringify(key)})`;
    const failed = (reason: string): Outcome => ({
      kind: "failed",
      failure: { reason: ctx.redactor.redact(`${named}: ${reason}`), source: stringifyJson(parent) },
    });
    const request = requests.request(parent);
    if (!request.ok) return failed(`no child request: ${request.reason}`);
    if (incremental && key === undefined) {
      return failed(
        `no child request: parent field ${requests.keyField ?? "(none)"} (input.children.key) has no value to keep its cursor under`,
      );
    }
    const spec = { ...childSpec, query: { ...childSpec.query, ...request.query } };
    const input = createHttpInput(spec, ctx, maxDepth, request.url);
    const pages: SourcePage[] = [];
    let cursor: string | undefined;
    try {
      for await (const page of input.pages(key === undefined ? undefined : state.children.get(key))) {
        for (const record of page.records) requests.carry(parent, record as JsonRecord);
        const last = page.records.at(-1);
        if (incremental && last !== undefined) cursor = scalarText(getPath(last, incremental.cursorField)) ?? cursor;
        pages.push(page);
      }
    } catch (error) {
      if (ctx.signal.aborted) return { kind: "stopped", error };
      return failed(`child request failed: ${describeError(error)}`);
    }
    return { kind: "children", pages, url: ctx.redactor.redact(request.url.toString()), key, cursor };
  };
}
