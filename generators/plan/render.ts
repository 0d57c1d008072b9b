import type { ConfigChange } from "./config-changes.js";
import type { RecordChanges } from "./record-changes.js";

export interface Plan {
  before: string;
  after: string;
  config: ConfigChange[];
  /** Over the fixtures; absent without `--fixtures`. */
  records?: RecordChanges;
  changed: boolean;
}

const show = (value: unknown) => (value === undefined ? "(absent)" : JSON.stringify(value));

function recordLines(records: RecordChanges, bullet: string, code: (s: string) => string): string[] {
  const lines = [
    `${bullet}requests: ${records.requests.before} → ${records.requests.after}; records: ${records.records.before} → ${records.records.after}, ${records.records.changed} changed`,
  ];
  for (const f of records.fields)
    lines.push(
      `${bullet}${code(f.field)} ${f.kind} in ${f.records} record(s), e.g. record ${f.example.record + 1}: ${code(show(f.example.before))} → ${code(show(f.example.after))}`,
    );
  return lines;
}

export function renderText(plan: Plan): string {
  if (!plan.changed) return `no change in behaviour between ${plan.before} and ${plan.after}\n`;
  const lines = [`${plan.before} → ${plan.after}`, "", "configuration:"];
  lines.push(...(plan.config.length ? plan.config.map((c) => `  ${c.text.replaceAll("`", "")}`) : ["  (unchanged)"]));
  if (plan.records) lines.push("", "over the fixtures:", ...recordLines(plan.records, "  ", (s) => s));
  return `${lines.join("\n")}\n`;
}

/** For a pull-request comment. */
export function renderMarkdown(plan: Plan): string {
  const lines = [`### Connector plan: \`${plan.before}\` → \`${plan.after}\``, ""];
  if (!plan.changed) return `${lines.join("\n")}No change in behaviour.\n`;
  lines.push(
    "**Configuration**",
    "",
    ...(plan.config.length ? plan.config.map((c) => `- ${c.text}`) : ["- unchanged"]),
  );
  if (plan.records) {
    const code = (s: string) => `\`${s.replaceAll("`", "'")}\``;
    lines.push("", "**Over the recorded fixtures**", "", ...recordLines(plan.records, "- ", code));
  }
  return `${lines.join("\n")}\n`;
}
