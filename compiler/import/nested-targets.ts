/**
 * Dotted targets (`customer.email`) become nested object literals, as the lowering reads them:
 * `{ customer: { email: ... } }`. Only adjacent targets can share a parent without reordering.
 */
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import { propertyKey } from "./ts-literals.js";

interface Group {
  key: string;
  value?: string;
  children?: Group[];
}

function insert(groups: Group[], segments: readonly string[], value: string, target: string): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  const last = groups[groups.length - 1];
  if (rest.length === 0) {
    if (groups.some((g) => g.key === head)) throw conflict(target);
    groups.push({ key: head, value });
    return;
  }
  if (last?.key === head && last.children) {
    insert(last.children, rest, value, target);
    return;
  }
  if (groups.some((g) => g.key === head)) throw conflict(target);
  const group: Group = { key: head, children: [] };
  groups.push(group);
  insert(group.children ?? [], rest, value, target);
}

function conflict(target: string): CannectorsError {
  return new CannectorsError(
    ErrorCodes.CONFIG_INVALID,
    `cannot import target ${target}: fields under the same parent must be adjacent to be written as one nested object`,
  );
}

function render(groups: readonly Group[]): string {
  const entries = groups.map((g) => `${propertyKey(g.key)}: ${g.children ? render(g.children) : g.value}`);
  return `{ ${entries.join(", ")} }`;
}

/** `[["customer.email", "r.email"]]` → `{ customer: { email: r.email } }`. */
export function nestedObject(entries: readonly (readonly [target: string, value: string])[]): string {
  const groups: Group[] = [];
  for (const [target, value] of entries) insert(groups, target.split("."), value, target);
  return render(groups);
}
