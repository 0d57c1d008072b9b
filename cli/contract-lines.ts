import { type ContractViolations, describeViolation } from "../runtime/contract/violation.js";

/** What the target's contract refused, located; the first few word for word (--json has the first 50). */
export function contractLines(contract: ContractViolations, shown = 5): string[] {
  const count = contract.count;
  const head = `  target contract (${contract.spec}): ${count === 0 ? "no violation" : `${count} violation${count === 1 ? "" : "s"}`}`;
  const lines = [head, ...contract.first.slice(0, shown).map((v) => `    ${describeViolation(v)}`)];
  if (count > shown) lines.push(`    … and ${count - shown} more`);
  return lines;
}
