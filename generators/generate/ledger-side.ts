/**
 * Which side of the books a resource is on. Accounting and ERP APIs keep two mirrored sets of records:
 * what the business sells (sales orders, customer invoices, customer payments) and what it buys
 * (purchase orders, supplier invoices, bills, purchase receipts, expenses). Field names cannot tell
 * them apart (both have a date, lines, a total and a counterparty), so an e-commerce order scored as
 * well against `PurchaseReceipt` or `supplierInvoice` as against `customerinvoice`. A sale read from a
 * shop, a payment processor or a point of sale goes to the sales side; a record on one side into the
 * other is rarely the pair. Words, not vendors: these are the names any ledger gives its purchasing side.
 */
import { splitWords } from "../suggest/index.js";

export type LedgerSide = "purchases" | "other";

/** Whole words of the purchasing side (`bills`, `PurchaseReceipt`, `vendor_credits`). */
const PURCHASE_WORDS = new Set(
  "purchase purchases purchasing supplier suppliers vendor vendors expense expenses bill bills payable payables procurement creditor creditors".split(
    " ",
  ),
);
/** The same inside one lower-case word (`purchaseorder`, `supplierinvoice`, `vendorcredit`). */
const PURCHASE_PREFIX = /^(purchase|supplier|vendor|expense|procurement|creditor)/i;

const FACTOR = 0.5;

export function ledgerSide(resource: string): LedgerSide {
  const words = splitWords(resource);
  return words.some((w) => PURCHASE_WORDS.has(w) || PURCHASE_PREFIX.test(w)) ? "purchases" : "other";
}

export interface SideAffinity {
  factor: number;
  note?: string;
}

/** A factor when exactly one of the two resources is on the purchasing side. */
export function sideAffinity(
  source: { resource: string; side: LedgerSide },
  target: { resource: string; side: LedgerSide },
): SideAffinity {
  if (source.side === target.side) return { factor: 1 };
  return target.side === "purchases"
    ? {
        factor: FACTOR,
        note: `target: ${target.resource} is the purchasing side, ${source.resource} are not purchases`,
      }
    : {
        factor: FACTOR,
        note: `source: ${source.resource} are purchases, ${target.resource} is not the purchasing side`,
      };
}
