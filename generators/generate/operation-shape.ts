/**
 * What an operation's path and method say about it before any field is compared. A target that creates
 * a record in a collection the API also lets you read (`POST /v1/customers`, `POST /clients/batch`) is
 * where records go; an action (`/{id}/cancel`, `/verify`), an update of one known record, a
 * sub-collection of a parent record, a write-only endpoint (`POST /v1/account_links`) or a singleton
 * setting rarely is. These are factors, never filters: a spec may only have such operations.
 */
import type { LoadedSpec, Operation } from "../openapi/index.js";
import { splitWords, stem } from "../suggest/index.js";
import { pathParams } from "./endpoint-lists.js";
import { isContainerOrTenant } from "./record-nature.js";

export interface Shape {
  /** In (0, 1]: 1 for the expected kind of operation. */
  factor: number;
  /** Why the factor is below 1, for `generate --list`. */
  notes: string[];
}

/** Path prefixes that name no resource. */
const PREFIX = /^(v?\d+(\.\d+)*|api|rest)$/i;
/** Trailing segments that write records into the collection before them: `/clients/batch` creates clients. */
const BULK = new Set(["batch", "bulk", "upsert", "import", "create", "add", "draft", "drafts", "new"]);
/** Trailing segments that list the collection before them (`/Tickets/query`, `/order.list.json`). */
const LISTING = new Set(["list", "query", "search", "all", "find", "filter"]);
/** Trailing segments that change one existing record (`/customer.update.json`). */
const UPDATE = new Set(["update", "edit", "modify", "patch"]);
/** Words that make a segment an action, not a resource (`/{id}/cancel`, `/search`, `mark_uncollectible`). */
const VERBS = new Set(
  (
    "accept activate add apply approve archive attach authorize cancel capture check close complete confirm " +
    "deactivate decline detach disable dispatch enable expire export finalize find fund get lock login logout mark merge " +
    "pause pay preview publish reactivate redeem refresh reject release remove render reopen rerun reset resume " +
    "retry reverse revoke run search send start stop submit suspend sync test transfer trigger unarchive unlock " +
    "unpublish validate verify void"
  ).split(" "),
);
const SETTINGS = new Set(["settings", "setting", "config", "configuration", "preferences", "options", "defaults"]);
/** Plurals the light stemmer does not see. */
const IRREGULAR_PLURALS = new Set(["people", "children", "data", "media", "staff", "men", "women"]);

interface Segment {
  text: string;
  param: boolean;
}

/** `/order.list.json` → order, list: RPC-style paths name the resource and the action in one segment. */
function segmentsOf(path: string): Segment[] {
  return path
    .split("/")
    .filter((s) => s !== "")
    .flatMap((s): Segment[] =>
      s.startsWith("{")
        ? [{ text: s, param: true }]
        : s
            .replace(/\.(json|xml)$/i, "")
            .split(".")
            .filter((part) => part !== "")
            .map((text) => ({ text, param: false })),
    );
}

/** The literal segments that name something: `/v1/customers/{customer}/sources` → customers, sources. */
export function namingSegments(path: string): string[] {
  return segmentsOf(path)
    .filter((s) => !s.param && !PREFIX.test(s.text))
    .map((s) => s.text);
}

function lastWord(segment: string): string {
  return splitWords(segment).at(-1) ?? "";
}

function isPlural(segment: string): boolean {
  const word = lastWord(segment);
  return IRREGULAR_PLURALS.has(word) || stem(word) !== word;
}

function isAction(segment: string): boolean {
  const words = splitWords(segment);
  return words.some((w) => VERBS.has(w)) && !isPlural(segment);
}

const VERSION = /^v?\d+(\.\d+)*$/i;

/**
 * `/v1/customers/{customer}` → `/{v}/customers/{}`: how a GET and a POST on the same resource compare,
 * whatever version each is under (Visma reads `/v1/customerinvoice/{id}` and writes `/v2/customerinvoice`).
 */
function pathKey(segments: readonly Segment[]): string {
  return `/${segments.map((s) => (s.param ? "{}" : VERSION.test(s.text) ? "{v}" : s.text.toLowerCase())).join("/")}`;
}

/** The paths a spec can GET, for telling collections from write-only endpoints. */
export function readablePaths(spec: LoadedSpec): Set<string> {
  return new Set(spec.operations.filter((o) => o.method === "get").map((o) => pathKey(segmentsOf(o.path))));
}

/** The paths a spec can POST to: a PUT on a collection is the way in when there is no POST beside it. */
export function creatablePaths(spec: LoadedSpec): Set<string> {
  return new Set(spec.operations.filter((o) => o.method === "post").map((o) => pathKey(segmentsOf(o.path))));
}

/** `/clients/batch` and `/user/createWithArray` write into `/clients` and `/user`. */
function withoutBulk(segments: Segment[]): Segment[] {
  let base = segments;
  while (base.length > 1 && !base.at(-1)!.param && BULK.has(splitWords(base.at(-1)!.text)[0] ?? "")) {
    base = base.slice(0, -1);
  }
  return base;
}

/** The resource an operation is about: `/v1/customers/{customer}/cancel` → customers, `/clients/batch` → clients. */
export function resourceSegment(path: string): string {
  const named = withoutBulk(segmentsOf(path)).filter((s) => !s.param && !PREFIX.test(s.text));
  return (named.findLast((s) => !isAction(s.text) && !isListing(s.text)) ?? named.at(-1))?.text ?? "";
}

/** `search`, `query`: a segment that lists records rather than naming them. */
export function isListing(segment: string): boolean {
  return LISTING.has(segment.toLowerCase());
}

/** Codat writes `/companies/{}/connections/{}/push/invoices` and reads `/companies/{}/data/invoices`. */
function readsResource(name: string, readable: ReadonlySet<string>): boolean {
  for (const path of readable) if (path.replace(/\/\{\}$/, "").endsWith(`/${name}`)) return true;
  return false;
}

/** A singular name is a collection all the same when the API reads records under it (`GET /issue/{id}`, `GET /order`). */
function readableUnder(key: string, readable: ReadonlySet<string>): boolean {
  return readable.has(`${key}/{}`) || [...LISTING].some((w) => readable.has(`${key}/${w}`));
}

/** `/lists/{list_id}/members`, `/companies/{companyId}/…`: the parent holds the records, as most APIs nest them. */
function inContainer(segments: readonly Segment[]): boolean {
  return segments.some((s, i) => !s.param && segments[i + 1]?.param === true && isContainerOrTenant(s.text));
}

/**
 * `creatable` (the spec's POST paths, when known): a PUT or PATCH on a collection that has no POST is how
 * the API takes records (SendGrid's `PUT /marketing/contacts` upserts them), not a second way beside a create.
 */
export function targetShape(
  operation: Operation,
  readable: ReadonlySet<string>,
  creatable?: ReadonlySet<string>,
): Shape {
  const base = withoutBulk(segmentsOf(operation.path));
  const last = base.at(-1);
  if (!last) return { factor: 0.45, notes: ["target: the API root"] };
  if (last.param) return { factor: 0.5, notes: ["target: updates one existing record (needs its id)"] };
  if (UPDATE.has(last.text.toLowerCase()))
    return { factor: 0.5, notes: ["target: updates one existing record (needs its id)"] };
  if (isAction(last.text)) return { factor: 0.3, notes: [`target: an action (${last.text}), not a collection`] };
  if (SETTINGS.has(last.text.toLowerCase()) || (!isPlural(last.text) && !readableUnder(pathKey(base), readable)))
    return { factor: 0.45, notes: [`target: a single ${last.text}, not a collection`] };
  const shape: Shape = { factor: 1, notes: [] };
  if (base.some((s) => s.param)) {
    const contained = inContainer(base);
    shape.factor *= contained ? 0.85 : 0.6;
    shape.notes.push(
      contained
        ? "target: inside a container record (needs its id)"
        : "target: a sub-collection of a parent record (needs its id)",
    );
  }
  if (operation.method !== "post" && (creatable === undefined || creatable.has(pathKey(base)))) {
    shape.factor *= 0.8;
    shape.notes.push(`target: ${operation.method.toUpperCase()} on a collection`);
  }
  const key = pathKey(base);
  if (!readable.has(key) && !readableUnder(key, readable) && !readsResource(last.text.toLowerCase(), readable)) {
    shape.factor *= 0.7;
    shape.notes.push("target: write-only (no GET on it), unlike a collection of records");
  }
  return shape;
}

export function sourceShape(operation: Operation): Shape {
  const shape: Shape = { factor: 1, notes: [] };
  // `GET /order/{orderId}` reads one record: its array is a nested list (line items), not the records.
  if (segmentsOf(operation.path).at(-1)?.param) {
    shape.factor *= 0.5;
    shape.notes.push("source: reads one record, its array is a nested list");
  }
  const params = pathParams(operation);
  if (params > 0) {
    shape.factor *= 0.9 ** params;
    shape.notes.push(`source: needs ${params} path parameter${params > 1 ? "s" : ""}`);
  }
  const query = operation.parameters.filter((p) => p.in === "query" && p.required).map((p) => p.name);
  if (query.length > 0) {
    shape.factor *= 0.85;
    shape.notes.push(`source: needs query ${query.join(", ")}`);
  }
  const literal = namingSegments(operation.path);
  const action = literal.find(isAction);
  if (action !== undefined) {
    shape.factor *= 0.85;
    shape.notes.push(`source: an action (${action}), not a plain list`);
  }
  // `/users` lists the records themselves; `/user/followers` a view on one of them.
  if (literal.length > 1) shape.factor *= 0.95 ** (literal.length - 1);
  return shape;
}
