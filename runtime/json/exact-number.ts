/**
 * A JSON number no JavaScript value holds exactly: a decimal with more significant digits than a
 * double keeps (`0.1000000000000000055511`), an exponent beyond a double's range, or an integer
 * beyond int64 (integers beyond 2^53 but within int64 are BigInt). It keeps the number's source
 * text so the output writes the same bytes. CEL cannot read it (that record fails, clearly);
 * `from:` copies it. JSON.stringify refuses it, so nothing can write it as `{"text": ...}`.
 */
export class ExactNumber {
  // Private, so a field path such as `price.text` finds nothing inside the number.
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  get text(): string {
    return this.#text;
  }

  toString(): string {
    return this.#text;
  }

  toJSON(key: string): unknown {
    return exactToJson(this, key);
  }
}

/** Set by stringify.ts while it writes exact numbers; otherwise JSON.stringify of one throws. */
let exactToJson: (number: ExactNumber, key: string) => unknown = () => {
  throw new ExactNumberInStringify();
};

export class ExactNumberInStringify extends TypeError {
  constructor() {
    super("an exact JSON number needs stringifyJson");
  }
}

/** Runs `body` with ExactNumber#toJSON answering `write`: stringify.ts's hook, synchronous only. */
export function withExactToJson<T>(write: (number: ExactNumber) => unknown, body: () => T): T {
  const previous = exactToJson;
  exactToJson = write;
  try {
    return body();
  } finally {
    exactToJson = previous;
  }
}
