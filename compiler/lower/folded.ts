import { type Cel, celNumber, celString, primary } from "./cel-text.js";

/** A compile-time value: what a module-level constant folds to. Maps keep their source key order. */
export type Folded =
  | { readonly kind: "scalar"; readonly value: string | number | boolean | null }
  | { readonly kind: "list"; readonly items: readonly Folded[] }
  | { readonly kind: "map"; readonly entries: readonly (readonly [string, Folded])[] };

export function scalar(value: string | number | boolean | null): Folded {
  return { kind: "scalar", value };
}

export function foldedToCel(value: Folded): Cel {
  switch (value.kind) {
    case "scalar": {
      const v = value.value;
      if (typeof v === "string") return primary(celString(v));
      if (typeof v === "number") {
        const text = celNumber(v) ?? "null";
        return v < 0 ? { text, prec: 7 } : primary(text);
      }
      return primary(String(v));
    }
    case "list":
      return primary(`[${value.items.map((item) => foldedToCel(item).text).join(", ")}]`);
    case "map":
      return primary(`{${value.entries.map(([k, v]) => `${celString(k)}: ${foldedToCel(v).text}`).join(", ")}}`);
  }
}

/** The plain JSON value, for a map field's `value` or `default`. */
export function foldedToJson(value: Folded): unknown {
  switch (value.kind) {
    case "scalar":
      return value.value;
    case "list":
      return value.items.map(foldedToJson);
    case "map":
      return Object.fromEntries(value.entries.map(([k, v]) => [k, foldedToJson(v)]));
  }
}

/** `T.key` / `T[0]` / `s.length` on a folded value, or undefined when there is no such member. */
export function foldedMember(value: Folded, key: string | number): Folded | undefined {
  if (key === "length" && value.kind === "list") return scalar(value.items.length);
  if (key === "length" && value.kind === "scalar" && typeof value.value === "string") {
    return scalar(value.value.length);
  }
  if (value.kind === "list" && typeof key === "number") return value.items[key];
  if (value.kind === "map") return value.entries.find(([k]) => k === String(key))?.[1];
  return undefined;
}
