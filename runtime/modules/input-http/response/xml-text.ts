/**
 * The text-level rules of XML decoding that the parser is not trusted with: document types are
 * refused outright (the usual entity-expansion and external-entity attacks all need one), and
 * entities are decoded here, where only the five predefined ones and character references exist.
 */

const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const COMMENT = /<!--[\s\S]*?-->/g;
const DECLARATION = /<!(DOCTYPE|ENTITY)\b/i;
const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);|&/g;
const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Why the document is refused, or undefined: a DOCTYPE or ENTITY declaration outside CDATA and comments. */
export function refuseDocumentType(text: string): string | undefined {
  const found = DECLARATION.exec(text.replace(CDATA, "").replace(COMMENT, ""));
  if (found === null) return undefined;
  return `the XML body declares a ${found[1]!.toUpperCase()}; document type declarations are refused (no entity expansion, no external entities)`;
}

/** CDATA sections as escaped text, so that one entity decoding is right for all text. */
export function withCdataEscaped(text: string): string {
  return text.replace(CDATA, (_section, content: string) =>
    content.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
  );
}

/** Text or attribute value with its references decoded; an undeclared entity or a bad character reference throws. */
export function decodeXmlText(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(REFERENCE, (whole, name: string | undefined) => {
    if (name === undefined) throw new Error("a bare & is not allowed in XML text");
    if (name.startsWith("#")) {
      const code = name[1] === "x" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      if (!isXmlChar(code)) throw new Error(`character reference ${whole} is not an XML character`);
      return String.fromCodePoint(code);
    }
    const predefined = PREDEFINED[name];
    if (predefined === undefined)
      throw new Error(`entity ${whole} is not declared (only &amp; &lt; &gt; &quot; &apos;)`);
    return predefined;
  });
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
