/**
 * Safe JavaScript source assembly, for the generators (codegen.ts, filters/map-codegen.ts).
 *
 * Why it is safe: generated source is made of three kinds of text only.
 *  1. Fixed text written in our own code (keywords, operators, helper names).
 *  2. Identifiers we invent: `t0`, `c3`, `v12`, from a counter, never from input.
 *  3. String literals of user text (property names, literal strings of an expression), emitted by
 *     `stringLiteral`: JSON.stringify, then checked against the grammar of exactly one
 *     double-quoted JS string token, and checked to read back as the same string. Nothing else
 *     from an expression or an artifact reaches the source: numbers, bigints, lists, maps, functions
 *     and every other value travel in the constants array `C`, bound to generated names.
 * The source is compiled with `new Function` in strict mode; the only names it can see are its
 * parameters and JavaScript's globals, and it uses no global but `Object`, `Array`, `Set`.
 * Property reads keep the closures' semantics: own properties only (Object.hasOwn first), so
 * `__proto__`, `constructor` or `toString` in a path find nothing of Object's. Injection tests:
 * runtime/expr/compiled/codegen.test.ts.
 */

/** One double-quoted JSON string token: no raw quote, backslash or control character inside. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the grammar must name the characters it refuses.
const STRING_TOKEN = /^"(?:[^"\\\u0000-\u001f\u2028\u2029]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"$/;

/** A JS string literal that evaluates to `text`; throws rather than emit anything else. */
export function stringLiteral(text: string): string {
  if (typeof text !== "string") throw new TypeError("stringLiteral takes a string");
  const literal = JSON.stringify(text)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  if (!STRING_TOKEN.test(literal) || JSON.parse(literal) !== text) {
    throw new Error(`cannot emit ${literal.slice(0, 40)} as a string literal`);
  }
  return literal;
}

/** Collects the source of one generated function: statements, invented names and constants. */
export class SourceBuilder {
  private readonly lines: string[] = [];
  private readonly constants: unknown[] = [];
  private temps = 0;

  /** A fresh local variable name, declared by `build`. */
  temp(): string {
    return `t${this.temps++}`;
  }

  /** A name bound to `value` in the generated function: values never become source text. */
  constant(value: unknown): string {
    this.constants.push(value);
    return `c${this.constants.length - 1}`;
  }

  push(line: string): void {
    this.lines.push(line);
  }

  /** Statements emitted by `write` go into a separate block, returned instead of pushed. */
  block(write: () => void): string[] {
    const start = this.lines.length;
    write();
    return this.lines.splice(start);
  }

  /**
   * `function generated(params) { body }`, with the temps declared and the constants bound.
   * `params` are fixed by our own code; `tail` is appended after the statements. Undefined when
   * the process forbids code generation.
   */
  build<F>(params: readonly string[], tail: string): F | undefined {
    for (const param of params) if (!/^[a-z][A-Za-z0-9]*$/.test(param)) throw new Error(`bad parameter ${param}`);
    const bindings = this.constants.map((_, i) => `const c${i} = C[${i}];`);
    const temps = this.temps === 0 ? "" : `let ${Array.from({ length: this.temps }, (_, i) => `t${i}`).join(", ")};`;
    const source = [
      '"use strict";',
      ...bindings,
      `return function generated(${params.join(", ")}) {`,
      temps,
      ...this.lines,
      tail,
      "};",
    ].join("\n");
    let factory: (constants: unknown[]) => F;
    try {
      factory = new Function("C", source) as typeof factory;
    } catch (error) {
      // Node started with --disallow-code-generation-from-strings: the caller keeps its closures.
      if (error instanceof EvalError) return undefined;
      throw error;
    }
    return factory(this.constants);
  }
}

/**
 * Statements setting `target` to `Object.hasOwn(object, key) ? object[key] : undefined`, for an
 * object `object` and a `key` from stringLiteral (`target` and `object` are names of ours, not
 * the same), with the same result and without a call per read: Object.hasOwn is a builtin call
 * TurboFan does not inline (a quarter of the time of the peer bench's 14-field map and its
 * expressions). The value is read first: undefined, whether own or not, is the answer. A value
 * found on an object whose prototype is Object.prototype, for a key Object.prototype does not
 * hold, is the object's own; TurboFan folds both tests to constants (depending on
 * Object.prototype's shape), so only other objects, keys such as `constructor` or `toString`, or
 * a key something wrote on Object.prototype, still ask Object.hasOwn.
 */
export function ownRead(target: string, object: string, key: string): string {
  const inherited = `(Object.getPrototypeOf(${object}) !== Object.prototype || Object.prototype[${key}] !== undefined) && !Object.hasOwn(${object}, ${key})`;
  return `${target} = ${object}[${key}]; if (${target} !== undefined && ${inherited}) ${target} = undefined;`;
}
