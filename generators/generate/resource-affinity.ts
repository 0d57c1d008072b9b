/**
 * Whether two operations move the same kind of record, from their resource names alone: GitHub's
 * `users` and Stripe's `customers` are both people, `issues` and `tickets` both work items, while
 * `repos` and `products` are known to differ. A mild factor on a pair's score: field names decide,
 * this breaks near-ties the way an engineer would.
 */
import { conceptAffinity, splitWords, stem, toConcepts } from "../suggest/index.js";

/** Kinds of records that business APIs exchange, each with the resource names that hold them. */
const FAMILIES: Readonly<Record<string, string>> = {
  // People outside the business (its customers, contacts, an audience) and people inside it (its users, staff).
  "people/contacts":
    "member customer client contact person people subscriber lead follower stargazer patient student candidate " +
    "applicant attendee participant recipient buyer consumer shopper guest visitor cardholder registrant",
  "people/staff": "user employee collaborator contributor assignee profile owner agent staff",
  organizations: "organization org company business account team enterprise vendor supplier merchant partner tenant",
  products: "product item price sku article good variant offer plan catalog listing",
  orders: "order invoice charge payment transaction sale purchase bill receipt quote refund payout",
  work: "issue ticket task card bug story todo case incident request",
  content: "file document attachment note comment post page message entry",
  events: "event activity log notification alert",
  code: "repo repository branch commit pull gist codespace workflow deployment",
  logistics: "inventory stock warehouse shipment shipping fulfillment delivery",
};
/** Words that make a compound name a stock movement whatever its last word: `inventoryReceipt`, `stock_transfers`. */
const LOGISTICS = new Set("inventory stock warehouse shipment shipping fulfillment".split(" "));

const FAMILY_OF = new Map<string, string>();
for (const [family, words] of Object.entries(FAMILIES)) for (const w of words.split(" ")) FAMILY_OF.set(w, family);

export interface ResourceKind {
  /** The resource's concept (`customers` and `clients` are both `client`). */
  concept: string;
  family: string | undefined;
  /** The word the kind was read from: `customerinvoice` → invoice. */
  word: string;
}

/** Family words, longest first: `customerinvoice` (one word) is an invoice. */
const BY_LENGTH = [...FAMILY_OF.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));

/** `outside_collaborators` → collaborator, people/staff; `customerinvoice` → invoice, orders. */
export function resourceKind(resource: string): ResourceKind {
  const words = splitWords(resource).map(stem);
  const last = words.at(-1) ?? "";
  const word = FAMILY_OF.has(last) ? last : (BY_LENGTH.find((w) => w.length >= 4 && last.endsWith(w)) ?? last);
  const family = words.some((w) => LOGISTICS.has(w)) ? "logistics" : FAMILY_OF.get(word);
  return { concept: toConcepts([word])[0] ?? word, family, word };
}

export interface Affinity {
  factor: number;
  note?: string;
}

export function resourceAffinity(source: ResourceKind, target: ResourceKind): Affinity {
  if (source.concept !== "" && conceptAffinity(source.concept, target.concept) === 1)
    return { factor: 1.5, note: `same records: ${source.concept}` };
  if (source.family !== undefined && source.family === target.family)
    return { factor: 1.35, note: `same kind of records: ${source.family}` };
  const top = (family: string | undefined) => family?.split("/")[0];
  // A tool's own users and staff are not an audience: a webinar's registrants go to a mailing list, its
  // hosts do not. The other way (customers given accounts: a support portal) is a sync people build.
  if (source.family === "people/staff" && target.family === "people/contacts")
    return {
      factor: 0.9,
      note: `target: ${target.concept} are people outside the business, ${source.concept} its own`,
    };
  if (source.family !== undefined && top(source.family) === top(target.family))
    return { factor: 1.1, note: `related records: ${source.family}, ${target.family}` };
  if (source.family !== undefined && target.family !== undefined)
    return { factor: 0.75, note: `different kinds of records: ${source.family}, ${target.family}` };
  return { factor: 1 };
}
