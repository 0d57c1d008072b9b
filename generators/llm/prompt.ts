import { sourceLabel } from "./source-label.js";
import type { Candidate, FieldRecord, RerankRequest } from "./types.js";

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

const MAX_DESCRIPTION = 200;
const MAX_ENUM_VALUES = 20;

export const SYSTEM_PROMPT = [
  "You rank candidate source fields for one target field of a data mapping between two APIs.",
  "Judge meaning from names, types, formats, enums and descriptions; the offline confidence is a hint, not the answer.",
  'Answer with JSON only: {"ranking":[{"source":"<a candidate source exactly as listed>","confidence":<0..1>,"reason":"<at most 12 words>"}]}.',
  "List every candidate, best first; give confidence 0 to a wrong one. Never name a source that is not listed.",
].join("\n");

/**
 * The messages for one target field. Deterministic (fixed key order, rounded numbers, no time or
 * randomness) because its hash is the cache key: the same specs must give the same prompt.
 * Only schema facts go in, never record values.
 */
export function buildPrompt(request: RerankRequest, maxCandidates: number): ChatMessage[] {
  const byPath = new Map(request.source.map((field) => [field.path, field]));
  const payload = {
    target: describeField(request.target),
    candidates: request.candidates.slice(0, maxCandidates).map((candidate) => describeCandidate(candidate, byPath)),
  };
  return [
    { role: "system", content: SYSTEM_PROMPT },
    { role: "user", content: JSON.stringify(payload) },
  ];
}

function describeCandidate(candidate: Candidate, byPath: ReadonlyMap<string, FieldRecord>): Record<string, unknown> {
  const paths = typeof candidate.source === "string" ? [candidate.source] : candidate.source;
  const fields = paths.map((path) => {
    const field = byPath.get(path);
    return field === undefined ? { path } : describeField(field);
  });
  return {
    source: sourceLabel(candidate.source),
    fields,
    offline_confidence: Math.round(candidate.confidence * 100) / 100,
    conversion: candidate.conversion,
  };
}

function describeField(field: FieldRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { path: field.path, type: field.type };
  if (field.format !== undefined) out.format = field.format;
  if (field.enum !== undefined && field.enum.length > 0) out.enum = field.enum.slice(0, MAX_ENUM_VALUES);
  if (field.description !== undefined && field.description.trim() !== "") {
    out.description = oneLine(field.description, MAX_DESCRIPTION);
  }
  out.required = field.required;
  if (field.nullable === true) out.nullable = true;
  return out;
}

export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
