/**
 * A reader for the protobuf text format, as far as the CEL conformance files use it: fields
 * `name: scalar`, `name { ... }` / `name: { ... }`, lists `[a, b]`, `[type.url] { ... }` (Any),
 * adjacent strings concatenated, `#` comments. Every field is repeated in the result (an array),
 * so a reader never guesses which fields the schema repeats. Strings decode C-style escapes to
 * bytes, then UTF-8, as protobuf does for `string` fields.
 */
export type TextValue = string | number | bigint | boolean | TextMessage;
export interface TextMessage {
  [field: string]: TextValue[];
}

const TOKEN =
  /\s+|#[^\n]*|("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|([-+]?(?:inf(?:inity)?|nan)\b|-?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)[fF]?)|([A-Za-z_][\w.]*(?:\/[\w.]+)*)|([{}[\]:,;<>])/y;

interface Token {
  kind: "string" | "number" | "name" | "punct";
  text: string;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const found = TOKEN.exec(text);
    if (found === null) throw new Error(`textproto: unexpected ${JSON.stringify(text.slice(at, at + 20))}`);
    if (found[1] !== undefined) tokens.push({ kind: "string", text: found[1] });
    else if (found[2] !== undefined) tokens.push({ kind: "number", text: found[2] });
    else if (found[3] !== undefined) tokens.push({ kind: "name", text: found[3] });
    else if (found[4] !== undefined) tokens.push({ kind: "punct", text: found[4] });
  }
  return tokens;
}

export function parseTextProto(text: string): TextMessage {
  const tokens = tokenize(text);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const take = (): Token => {
    const token = tokens[i++];
    if (token === undefined) throw new Error("textproto: unexpected end");
    return token;
  };
  const expect = (punct: string): void => {
    const token = take();
    if (token.text !== punct) throw new Error(`textproto: expected ${punct}, found ${token.text}`);
  };

  function message(close: string | undefined): TextMessage {
    const out: TextMessage = Object.create(null);
    while (peek() !== undefined && peek()!.text !== close) {
      let name = take().text;
      if (name === "[") {
        name = `[${take().text}]`;
        expect("]");
      }
      if (peek()?.text === ":") take();
      const values = peek()?.text === "[" ? list() : [value()];
      out[name] = [...(out[name] ?? []), ...values];
      if (peek()?.text === "," || peek()?.text === ";") take();
    }
    if (close !== undefined) expect(close);
    return out;
  }

  function list(): TextValue[] {
    expect("[");
    const items: TextValue[] = [];
    while (peek()?.text !== "]") {
      items.push(value());
      if (peek()?.text === ",") take();
    }
    expect("]");
    return items;
  }

  function value(): TextValue {
    const token = take();
    if (token.text === "{") return message("}");
    if (token.text === "<") return message(">");
    if (token.kind === "string") {
      let bytes = stringBytes(token.text);
      while (peek()?.kind === "string") bytes = Buffer.concat([bytes, stringBytes(take().text)]);
      return new TextDecoder().decode(bytes);
    }
    if (token.kind === "number") return number(token.text);
    if (token.text === "true" || token.text === "True") return true;
    if (token.text === "false" || token.text === "False") return false;
    return token.text;
  }

  return message(undefined);
}

function number(text: string): number | bigint {
  const plain = text.replace(/[fF]$/, "");
  if (/^-?\d+$/.test(plain)) return BigInt(plain);
  if (/inf/i.test(plain)) return plain.startsWith("-") ? -Infinity : Infinity;
  if (/nan/i.test(plain)) return Number.NaN;
  return Number(plain);
}

const SIMPLE: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11 };

/** The bytes of a quoted string: C escapes, octal and hex bytes, \u and \U code points (as UTF-8). */
function stringBytes(quoted: string): Buffer {
  const body = quoted.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== "\\") {
      bytes.push(...Buffer.from(String.fromCodePoint(body.codePointAt(i)!)));
      if (body.codePointAt(i)! > 0xffff) i++;
      continue;
    }
    const next = body[++i]!;
    if (next in SIMPLE) bytes.push(SIMPLE[next]!);
    else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      bytes.push(Number.parseInt(digits, 8));
      i += digits.length - 1;
    } else if (next === "x" || next === "X") {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(body.slice(i + 1))![0];
      bytes.push(Number.parseInt(digits, 16));
      i += digits.length;
    } else if (next === "u" || next === "U") {
      const length = next === "u" ? 4 : 8;
      bytes.push(...Buffer.from(String.fromCodePoint(Number.parseInt(body.slice(i + 1, i + 1 + length), 16))));
      i += length;
    } else bytes.push(next.charCodeAt(0));
  }
  return Buffer.from(bytes);
}
