import type { ContractViolation } from "../../runtime/contract/violation.js";
import type { ConfigChange } from "./config-changes.js";
import type { RecordChanges } from "./record-changes.js";

/** Over the fixtures, what the target's contract refuses in each version's payloads. */
export interface PlanContract {
  spec: string;
  /** Violations in the old version's payloads, and in the new one's. */
  before: number;
  after: number;
  /** The new version's first violations, located (record seq, JSON pointer in the body, rule). */
  first: ContractViolation[];
}

export interface Plan {
  before: string;
  after: string;
  config: ConfigChange[];
  /** Over the fixtures; absent without `--fixtures`. */
  records?: RecordChanges;
  /** With fixtures, when the target's spec is known (`output.contract`, types header, `--target-spec`). */
  contract?: PlanContract;
  /** Behaviour changed; a version with contract violations also fails the plan (exit 1). */
  changed: boolean;
}

const SHOWN_VIOLATIONS = 10;

function contractLines(contract: PlanContract, bullet: string, code: (s: string) => string): string[] {
  if (contract.before === 0 && contract.after === 0) return [`${bullet}no violation`];
  const lines = [`${bullet}violations: ${contract.before} → ${contract.after}`];
  for (const v of contract.first.slice(0, SHOWN_VIOLATIONS))
    lines.push(`${bullet}record seq ${v.seq} at ${code(v.pointer || "(body)")}: ${v.message} (${code(v.rule)})`);
  if (contract.after > SHOWN_VIOLATIONS) lines.push(`${bullet}… and ${contract.after - SHOWN_VIOLATIONS} more`);
  return lines;
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
  const contract = plan.contract
    ? ["", `target contract (${plan.contract.spec}):`, ...contractLines(plan.contract, "  ", (s) => s)]
    : [];
  if (!plan.changed) {
    const unchanged = `no change in behaviour between ${plan.before} and ${plan.after}`;
    return `${[unchanged, ...(plan.contract?.after ? contract : [])].join("\n")}\n`;
  }
  const lines = [`${plan.before} → ${plan.after}`, "", "configuration:"];
  lines.push(...(plan.config.length ? plan.config.map((c) => `  ${c.text.replaceAll("`", "")}`) : ["  (unchanged)"]));
  if (plan.records) lines.push("", "over the fixtures:", ...recordLines(plan.records, "  ", (s) => s));
  lines.push(...contract);
  return `${lines.join("\n")}\n`;
}

/** For a pull-request comment. */
export function renderMarkdown(plan: Plan): string {
  const code = (s: string) => `\`${s.replaceAll("`", "'")}\``;
  const lines = [`### Connector plan: \`${plan.before}\` → \`${plan.after}\``, ""];
  const contract = plan.contract
    ? [`**Target contract** (${code(plan.contract.spec)})`, "", ...contractLines(plan.contract, "- ", code)]
    : [];
  if (!plan.changed)
    return `${[...lines, "No change in behaviour.", ...(plan.contract?.after ? ["", ...contract] : [])].join("\n")}\n`;
  lines.push(
    "**Configuration**",
    "",
    ...(plan.config.length ? plan.config.map((c) => `- ${c.text}`) : ["- unchanged"]),
  );
  if (plan.records) lines.push("", "**Over the recorded fixtures**", "", ...recordLines(plan.records, "- ", code));
  if (contract.length > 0) lines.push("", ...contract);
  return `${lines.join("\n")}\n`;
}
