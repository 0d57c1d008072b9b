/**
 * `cannectors review`: the pending decisions of a generated connector, found again through the
 * markers the renderer left (`[cannectors:review …]`, `[cannectors:todo …]`), and the edits that
 * settle them. Pure text in, text out: the file stays the developer's, comments and all.
 */
import { MARKER } from "./render-fields.js";

export interface PendingDecision {
  kind: "review" | "todo";
  target: string;
  /** Confidence of the proposed expression (review only). */
  confidence?: number;
  /** The expression now in the file (`todo("x")` for a todo). */
  expression: string;
  /** Other candidates listed in the comment, best first. */
  candidates: string[];
  /** 0-based index of the marker comment line. */
  line: number;
}

const PROPERTY = /^(\s*)([\w$]+|"[^"]*"):\s(.*),$/;

export function pendingDecisions(text: string): PendingDecision[] {
  const lines = text.split("\n");
  const found: PendingDecision[] = [];
  lines.forEach((line, index) => {
    const marker = MARKER.exec(line);
    if (!marker || (marker[1] !== "review" && marker[1] !== "todo")) return;
    const property = PROPERTY.exec(lines[index + 1] ?? "");
    if (!property) return;
    const listed = /candidates: (.*) \[cannectors:/.exec(line)?.[1] ?? "";
    found.push({
      kind: marker[1],
      target: marker[2]!,
      ...(marker[3] ? { confidence: Number(marker[3]) } : {}),
      expression: property[3]!,
      candidates: listed
        .split(" | ")
        .map((c) => c.replace(/ \([\d.]+\)$/, ""))
        .filter((c) => c !== ""),
      line: index,
    });
  });
  return found;
}

export type Decision =
  | { action: "accept" }
  | { action: "reject" }
  /** A TypeScript expression over `r`: another candidate, or a path the developer typed. */
  | { action: "replace"; expression: string };

/** Applies decisions (keyed by marker line) from the bottom up, so earlier line numbers stay valid. */
export function applyDecisions(text: string, decisions: ReadonlyMap<number, Decision>): string {
  const lines = text.split("\n");
  const pending = pendingDecisions(text);
  for (const item of [...pending].reverse()) {
    const decision = decisions.get(item.line);
    if (!decision) continue;
    const property = PROPERTY.exec(lines[item.line + 1]!)!;
    const [, indent, key] = property;
    if (decision.action === "accept" && item.kind === "review") lines.splice(item.line, 1);
    else if (decision.action === "reject") {
      lines.splice(
        item.line,
        2,
        `${indent}// rejected: ${item.expression} [cannectors:todo ${item.target}]`,
        `${indent}${key}: todo(${JSON.stringify(item.target)}),`,
      );
    } else if (decision.action === "replace") lines.splice(item.line, 2, `${indent}${key}: ${decision.expression},`);
  }
  return lines.join("\n");
}

/** `--accept-above X`: accepts every proposal under review at confidence ≥ X. */
export function acceptAbove(text: string, threshold: number): { text: string; accepted: number } {
  const decisions = new Map<number, Decision>();
  for (const item of pendingDecisions(text)) {
    if (item.kind === "review" && (item.confidence ?? 0) >= threshold) decisions.set(item.line, { action: "accept" });
  }
  return { text: applyDecisions(text, decisions), accepted: decisions.size };
}
