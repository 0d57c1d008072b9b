import type { JsonRecord } from "../../engine/modules.js";
import { fillTemplate } from "../../brokers/outgoing-message.js";

/**
 * The topic of a record: each placeholder fills one whole topic level, so that a record can never
 * add levels (`/`), a wildcard (`+`, `#`), an empty level, or reach the broker's `$` topics.
 */
export function fillTopic(template: string, record: JsonRecord): string {
  return fillTemplate(template, record, oneTopicLevel);
}

function oneTopicLevel(value: string): string | undefined {
  if (value === "") return "is empty: it would make an empty topic level";
  if (/[/+#]/.test(value) || value.includes("\0"))
    return `holds \`/\`, \`+\`, \`#\` or NUL: a record value fills exactly one topic level`;
  if (value.startsWith("$")) return "starts with `$`: reserved for the broker's own topics";
  return undefined;
}
