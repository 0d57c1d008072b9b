import { randomUUID } from "node:crypto";
import { ExactNumber, withExactToJson } from "./exact-number.js";

/** Per process; a record string would need to hold it to be mistaken for a number's slot. */
const SLOT = `${randomUUID()}#`;
const SLOT_PATTERN = new RegExp(`"${SLOT}(\\d+)"`, "g");

/**
 * JSON text of a record value, numbers exact: a BigInt is written as its digits and an
 * ExactNumber as its source text. The common value has neither and takes JSON.stringify as is;
 * only when that refuses one (a BigInt or an ExactNumber throws) is the value written again with
 * each such number in a slot, the slots then replaced by the digits.
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  const texts: string[] = [];
  const slot = (text: string) => `${SLOT}${texts.push(text) - 1}`;
  const json = withExactToJson(
    (number: ExactNumber) => slot(number.text),
    () => JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? slot(item.toString()) : item)),
  );
  return json.replace(SLOT_PATTERN, (_match, index: string) => texts[Number(index)]!);
}

/** True for the number types a record may hold beyond plain numbers: BigInt and ExactNumber. */
export function isExactNumber(value: unknown): value is bigint | ExactNumber {
  return typeof value === "bigint" || value instanceof ExactNumber;
}
