/** Escaping and wrapping shared by the renderers. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Words with `code` spans → HTML with <code> elements, everything escaped. */
export function wordsHtml(words: string): string {
  return words
    .split(/(`` .*? ``|`[^`]*`)/)
    .map((part, i) => {
      if (i % 2 === 0) return escapeHtml(part);
      const inner = part.startsWith("`` ") ? part.slice(3, -3) : part.slice(1, -1);
      return `<code>${escapeHtml(inner)}</code>`;
    })
    .join("");
}

/** Words without the backticks, for places that show plain text (SVG, Mermaid). */
export function plainWords(words: string): string {
  return words.replace(/`/g, "");
}

/** Greedy word wrap at `width` characters; a longer word is cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    for (let rest = word; rest !== ""; ) {
      const piece = rest.slice(0, width);
      rest = rest.slice(width);
      if (line === "") line = piece;
      else if (line.length + 1 + piece.length <= width) line = `${line} ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}
