import type { Connector, Filter, MapField } from "../../runtime/artifact/index.js";

/** One change between two versions of a connector, in words a reviewer reads. */
export interface ConfigChange {
  path: string;
  text: string;
}

/** How a map field gets its value, as it is written in the artifact. */
function sourceOf(field: MapField): string {
  if (field.from !== undefined) return `from \`${field.from}\``;
  if (field.expr !== undefined) return `\`${field.expr}\``;
  return `the constant ${JSON.stringify(field.value)}`;
}

function describeField(field: MapField): string {
  const fallback = field.default === undefined ? "" : `, default ${JSON.stringify(field.default)}`;
  const each = field.each ? `, each element mapped by ${field.each.length} field(s)` : "";
  return `${sourceOf(field)}${fallback}${each}`;
}

function mapFieldChanges(before: readonly MapField[], after: readonly MapField[], at: string): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const old = new Map(before.map((f) => [f.target, f]));
  const now = new Map(after.map((f) => [f.target, f]));
  for (const [target, field] of now) {
    const was = old.get(target);
    if (!was) changes.push({ path: `${at}.${target}`, text: `field \`${target}\` added: ${describeField(field)}` });
    else if (JSON.stringify(was) !== JSON.stringify(field))
      changes.push({
        path: `${at}.${target}`,
        text: `field \`${target}\`: was ${describeField(was)}, now ${describeField(field)}`,
      });
  }
  for (const [target, field] of old)
    if (!now.has(target))
      changes.push({ path: `${at}.${target}`, text: `field \`${target}\` removed (was ${describeField(field)})` });
  return changes;
}

function filterChanges(before: readonly Filter[], after: readonly Filter[]): ConfigChange[] {
  const changes: ConfigChange[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const was = before[i];
    const now = after[i];
    const at = `filters[${i}]`;
    if (was && now && was.type === now.type && (now.type === "map" || now.type === "compute")) {
      changes.push(...mapFieldChanges((was as { fields: MapField[] }).fields, now.fields, at));
      continue;
    }
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    if (!was) changes.push({ path: at, text: `filter ${i + 1} added: ${summary(now!)}` });
    else if (!now) changes.push({ path: at, text: `filter ${i + 1} removed (was ${summary(was)})` });
    else changes.push({ path: at, text: `filter ${i + 1}: was ${summary(was)}, now ${summary(now)}` });
  }
  return changes;
}

function summary(filter: Filter): string {
  if (filter.type === "condition") return `a condition \`${filter.if}\``;
  if (filter.type === "split") return `a split of \`${filter.field}\``;
  if (filter.type === "enrich") return `an enrichment from \`${filter.path}\``;
  if (filter.type === "aggregate")
    return `an aggregate by ${filter.groupBy.join(", ")} of ${filter.fields.length} field(s)`;
  return `a ${filter.type} of ${filter.fields.length} field(s)`;
}

/** Every other setting, leaf by leaf: `output.path`: `/a` → `/b`. */
function leafChanges(before: unknown, after: unknown, at: string): ConfigChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => leafChanges(before[key], after[key], at ? `${at}.${key}` : key));
  }
  const show = (v: unknown) => (v === undefined ? "(unset)" : `\`${JSON.stringify(v)}\``);
  return [{ path: at, text: `\`${at}\`: ${show(before)} → ${show(after)}` }];
}

/** What changed between two versions of a connector's configuration. */
export function configChanges(before: Connector, after: Connector): ConfigChange[] {
  const { filters: oldFilters, ...oldRest } = before;
  const { filters: newFilters, ...newRest } = after;
  return [...leafChanges(oldRest, newRest, ""), ...filterChanges(oldFilters, newFilters)];
}
