/** How a candidate's source is written in the prompt and matched in the answer: combined sources joined by " + ". */
export function sourceLabel(source: string | readonly string[]): string {
  return typeof source === "string" ? source : source.join(" + ");
}
