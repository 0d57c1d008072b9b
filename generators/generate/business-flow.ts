/**
 * What a sync between two business APIs is usually for, beyond which records look alike. Two classes,
 * each a factor on a pair with the reason shown in `generate --list`:
 * - **transactions before master data**: when both sides hold records of the same transactional kind
 *   (orders, invoices, payments; tickets, issues, tasks), those are what the connector moves every day;
 *   customers, contacts and products are set up once beside them. Field names alone favour the master
 *   data (a customer has a name, an e-mail, a phone and an address that any two APIs spell alike; an
 *   order has amounts and dates they spell differently), so e-commerce → accounting picked
 *   customers → contacts over orders → invoices;
 * - **document stage**: a sale moves forward from quote to order to invoice to payment. A record read at
 *   one stage does not become a document of an earlier one (an order is not a quote, an invoice is not an
 *   estimate), whatever fields they share; and it becomes the next document, not one two stages on (an
 *   order becomes an invoice; a receipt or a bank transaction is what a payment becomes), so such a pair
 *   gets no transaction bonus.
 * Words, not vendors: these are the names any API gives such records.
 */
import type { Affinity, ResourceKind } from "./resource-affinity.js";

/** Families whose records are business transactions (see resource-affinity.ts). */
const TRANSACTIONAL = new Set(["orders", "work"]);
const TRANSACTIONS_FACTOR = 2;

/** The stage of a sales document, by its family word: a later stage never feeds an earlier one. */
const STAGES: ReadonlyArray<readonly [number, string]> = [
  [0, "quote estimate proposal offer"],
  [1, "order salesorder cart checkout"],
  [2, "invoice customerinvoice creditnote charge bill"],
  [3, "payment receipt transaction refund payout"],
];
const STAGE_OF = new Map<string, number>();
for (const [stage, words] of STAGES) for (const w of words.split(" ")) STAGE_OF.set(w, stage);
const BACKWARDS_FACTOR = 0.5;

export function documentStage(word: string): number | undefined {
  return STAGE_OF.get(word);
}

export function flowAffinity(source: ResourceKind, target: ResourceKind): Affinity {
  const from = documentStage(source.word);
  const to = documentStage(target.word);
  if (from !== undefined && to !== undefined && to < from)
    return {
      factor: BACKWARDS_FACTOR,
      note: `target: a ${target.word} comes before a ${source.word}, the sale would go backwards`,
    };
  if (from !== undefined && to !== undefined && to - from >= 2)
    return { factor: 1, note: `target: a ${target.word} is not the next document after a ${source.word}` };
  if (source.family !== undefined && source.family === target.family && TRANSACTIONAL.has(source.family))
    return {
      factor: TRANSACTIONS_FACTOR,
      note: `business transactions (${source.family}): what a sync moves every day, not master data`,
    };
  return { factor: 1 };
}
