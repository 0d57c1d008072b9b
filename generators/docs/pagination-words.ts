/** A pagination strategy and its stop conditions in plain words. */
import type { Pagination } from "../../runtime/artifact/index.js";
import { celWords } from "./cel-words.js";

function stopWords(p: Exclude<Pagination, { type: "none" }>): string[] {
  const stops = ["an empty page"];
  if (p.hasMorePath) stops.push(`\`${p.hasMorePath}\` is false`);
  if (p.stopWhen) stops.push(celWords(p.stopWhen));
  if (p.maxPages) stops.push(`after ${p.maxPages} pages`);
  return stops;
}

export function paginationWords(p: Pagination): string {
  if (p.type === "none") return "none: one request";
  const how: Record<Exclude<Pagination["type"], "none">, () => string> = {
    cursor: () => {
      const c = p as Extract<Pagination, { type: "cursor" }>;
      const size = c.limit && c.limitParam ? `; ${c.limit} per page (\`${c.limitParam}\`)` : "";
      return `cursor: the next cursor is read from \`${c.cursorPath}\` and sent as \`${c.cursorParam}\`${size}`;
    },
    nextUrl: () => `next URL read from \`${(p as Extract<Pagination, { type: "nextUrl" }>).nextUrlPath}\``,
    linkHeader: () => `the \`Link\` header, rel="${(p as Extract<Pagination, { type: "linkHeader" }>).rel}"`,
    offset: () => {
      const o = p as Extract<Pagination, { type: "offset" }>;
      return `offset: \`${o.offsetParam}\` and \`${o.limitParam}\`, ${o.limit} per page`;
    },
    page: () => {
      const g = p as Extract<Pagination, { type: "page" }>;
      const size = g.size && g.sizeParam ? `, ${g.size} per page (\`${g.sizeParam}\`)` : "";
      return `page numbers in \`${g.pageParam}\` from ${g.startAt}${size}`;
    },
  };
  return `${how[p.type]()}; stops on ${stopWords(p).join(", or ")}`;
}
