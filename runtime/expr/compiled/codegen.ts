import type { ASTNode } from "@marcbachmann/cel-js";
import { buildsValue, charge, chargeCost, measureCost } from "../budget/meter.js";
import { MAX_STRING_LENGTH } from "../limits.js";
import { specialiseCall } from "../library/specialise.js";
import { concat } from "../library/strings.js";
import { compileAst, constantCost, hasMeta, isConstant } from "./compile-ast.js";
import { libraryFunction } from "./functions.js";
import { BINARY } from "./operators.js";
import { ABSENT, bail, type Evaluate } from "./signals.js";
import { ownRead, SourceBuilder, stringLiteral } from "./source.js";
import { int64 } from "./values.js";

/**
 * CEL → JavaScript source, one function per expression, for the expressions the closure compiler
 * (compile-ast.ts) handles. Why: closures created by one function literal share V8's inline caches,
 * so `record.x` closures of fifteen map fields go megamorphic and calls between closures are not
 * inlined; generated code gets its own caches and straight-line code.
 *
 * Same contract and same evaluation order as the closures (they are the reference, and are
 * embedded as constants for the nodes written out here only as calls). A value produced is the
 * interpreter's value; any throw means "ask the interpreter". Safety of the source: source.ts.
 */
export function generateExpression(
  ast: ASTNode,
  interpret: (vars: Record<string, unknown>) => unknown,
  finish: (value: unknown) => unknown,
): Evaluate | undefined {
  if (compileAst(ast) === undefined) return undefined;
  const source = new SourceBuilder();
  const generator = new Generator(source);
  let result: string | undefined;
  const body = source.block(() => {
    result = generator.emit(ast);
  });
  if (result === undefined) return undefined;
  const out = source.temp();
  const fallback = source.constant(interpret);
  const done = source.constant(finish);
  source.push("try {");
  source.push(`${generator.steps} = 0; ${generator.bytes} = 0;`);
  for (const line of body) source.push(line);
  // Straight-line code (no loops): the cost is counted in locals and charged once, at the end.
  source.push(`${source.constant(chargeCost)}(${generator.steps}, ${generator.bytes});`);
  source.push(`${out} = ${result};`);
  source.push(`} catch { return ${done}(${fallback}(vars)); }`);
  return source.build<Evaluate>(["vars"], `return ${done}(${out});`);
}

/** `emit` returns a name or a literal: reading it has no effect, its statements were pushed before. */
class Generator {
  private readonly helpers = new Map<unknown, string>();
  /** Nodes written as a call to their closure, which charges the budget meter itself. */
  private readonly selfCharged = new Set<ASTNode>();
  /** Locals counting the steps and bytes of the nodes written out here (closures charge the meter). */
  readonly steps: string;
  readonly bytes: string;

  constructor(private readonly source: SourceBuilder) {
    this.steps = source.temp();
    this.bytes = source.temp();
  }

  private helper(value: unknown): string {
    let name = this.helpers.get(value);
    if (name === undefined) {
      name = this.source.constant(value);
      this.helpers.set(value, name);
    }
    return name;
  }

  private push(...lines: string[]): void {
    for (const line of lines) this.source.push(line);
  }

  private bail(): string {
    return `${this.helper(bail)}();`;
  }

  /** Each node's value charges the budget meter, as its closure and its interpreter node do. */
  emit(node: ASTNode, tolerant = false): string | undefined {
    const out = this.emitNode(node, tolerant);
    if (out === undefined || this.selfCharged.has(node)) return out;
    if (node.op === "value") this.chargeLiteral(node.args);
    else this.charge(node.op, out);
    return out;
  }

  /** `charge` of budget/meter.ts, written out: the same rule, without a call per node. */
  private charge(op: string, v: string): void {
    const [st, by] = [this.steps, this.bytes];
    const bytes = (unit: number) => (buildsValue(op) ? ` ${by} += ${v}.length * ${unit};` : "");
    this.push(
      `if (${v} !== undefined) { ${st}++; if (typeof ${v} === "string") { ${st} += ${v}.length;${bytes(2)} }` +
        ` else if (Array.isArray(${v})) { ${st} += ${v}.length;${bytes(8)} } }`,
    );
  }

  /** A literal the generated code does not evaluate (folded or inlined) still costs what its node costs. */
  private chargeLiteral(value: unknown): void {
    const { steps, bytes } = measureCost(() => charge(false, value));
    this.chargeConstant(steps, bytes);
  }

  private chargeConstant(steps: number, bytes: number): void {
    this.push(`${this.steps} += ${steps};${bytes === 0 ? "" : ` ${this.bytes} += ${bytes};`}`);
  }

  private emitNode(node: ASTNode, tolerant: boolean): string | undefined {
    switch (node.op) {
      case "value":
        return this.literal(node.args);
      case "id":
        return this.variable(node, true);
      case ".":
        return this.field(node.args[0], node.args[1], tolerant);
      case "call":
        return hasMeta(node, "macro") ? this.macro(node) : this.call(node, node.args[0], node.args[1]);
      case "&&":
      case "||":
        return this.logical(node.op === "||", node.args[0], node.args[1]);
      case "?:":
        return this.ternary(node.args[0], node.args[1], node.args[2]);
      case "==":
      case "!=":
        return this.equality(node.op, node.args[0], node.args[1]);
      default:
        return this.viaClosure(node);
    }
  }

  /** Nodes written as a call to their closure; a constant one (a literal list or map) is built once. */
  private viaClosure(node: ASTNode): string | undefined {
    if (node.op !== "list" && node.op !== "map" && Array.isArray(node.args) && node.args.length === 2) {
      const op = node.op as string;
      if (Object.hasOwn(BINARY, op)) return this.binary(BINARY[op]!, node.args[0] as ASTNode, node.args[1] as ASTNode);
    }
    const closure = compileAst(node);
    if (closure === undefined) return undefined;
    this.selfCharged.add(node);
    if (isConstant(closure)) {
      const { steps, bytes } = constantCost(closure);
      this.chargeConstant(steps, bytes);
      return this.source.constant(measureCost(() => closure({})).result);
    }
    const out = this.source.temp();
    this.push(`${out} = ${this.helper(closure)}(vars);`);
    return out;
  }

  private literal(value: unknown): string | undefined {
    if (typeof value === "string") return stringLiteral(value);
    if (value === null) return "null";
    if (value === true || value === false) return String(value);
    if (typeof value === "number" || typeof value === "bigint") return this.source.constant(value);
    return undefined;
  }

  /** `checked`: the value must pass jsonLike, as `id` does; as a field's subject it need not. */
  private variable(node: ASTNode, checked: boolean): string | undefined {
    if (node.op !== "id" || hasMeta(node, "alternate")) return undefined;
    const out = this.source.temp();
    this.push(`${out} = vars[${stringLiteral(node.args)}];`);
    this.push(`if (${out} === undefined) ${this.bail()}`);
    if (checked) this.jsonLike(out);
    return out;
  }

  /** jsonLike of values.ts, written out so each site keeps its own inline cache. */
  private jsonLike(name: string): void {
    const kind = this.source.temp();
    this.push(
      `if (typeof ${name} === "object") { if (${name} !== null && (${kind} = ${name}.constructor) !== Object && ${kind} !== undefined && ${kind} !== Array) ${this.bail()} }`,
    );
    this.push(
      `else if (typeof ${name} !== "string" && typeof ${name} !== "number" && typeof ${name} !== "boolean" && typeof ${name} !== "bigint") ${this.bail()}`,
    );
    this.push(`else if (typeof ${name} === "bigint") ${this.helper(int64)}(${name});`);
  }

  /** fieldAccess of compile-ast.ts: own properties of a CEL map only; missing is ABSENT (or undefined when tolerant). */
  private field(subject: ASTNode, name: string, tolerant: boolean): string | undefined {
    const from = subject.op === "id" ? this.variable(subject, false) : this.emit(subject);
    if (from === undefined) return undefined;
    if (subject.op === "id") this.charge("id", from);
    const out = this.source.temp();
    const kind = this.source.temp();
    const key = stringLiteral(name);
    const missing = tolerant ? `${out} = undefined;` : `throw ${this.helper(ABSENT)};`;
    this.push(`if (${from} === null) { ${missing} } else {`);
    this.push(
      `if (typeof ${from} !== "object" || ((${kind} = ${from}.constructor) !== Object && ${kind} !== undefined)) ${this.bail()}`,
    );
    this.push(ownRead(out, from, key));
    this.push(tolerant ? `if (${out} !== undefined) {` : `if (${out} === undefined) ${missing} else {`);
    this.jsonLike(out);
    this.push("} }");
    return out;
  }

  /** Arguments last to first, as the closures and cel-js run them. */
  private args(nodes: readonly ASTNode[]): string[] | undefined {
    const names = new Array<string>(nodes.length);
    for (let i = nodes.length - 1; i >= 0; i--) {
      const name = this.emit(nodes[i]!);
      if (name === undefined) return undefined;
      names[i] = name;
    }
    return names;
  }

  private call(node: ASTNode, name: string, argNodes: readonly ASTNode[]): string | undefined {
    const found = libraryFunction(name, argNodes.length);
    if (found === undefined) return this.viaClosure(node);
    if (name === "concat") return this.concat(argNodes);
    const literals = argNodes.map((node) => (node.op === "value" ? node.args : undefined));
    const special = specialiseCall(name, literals);
    const kept = special?.args ?? argNodes.map((_, i) => i);
    literals.forEach((literal, i) => {
      if (!kept.includes(i)) this.chargeLiteral(literal);
    });
    const args = this.args(kept.map((i) => argNodes[i]!));
    if (args === undefined) return undefined;
    kept.forEach((index, i) => {
      const param = found.params[index];
      const value = args[i]!;
      if (param === "string") this.push(`if (typeof ${value} !== "string") ${this.bail()}`);
      if (param === "list") this.push(`if (!Array.isArray(${value}) && !(${value} instanceof Set)) ${this.bail()}`);
    });
    const out = this.source.temp();
    this.push(`${out} = ${this.helper(special?.handler ?? found.handler)}(${args.join(", ")});`);
    return out;
  }

  /** Strings joined inline; any other argument goes through the library's `concat`. */
  private concat(argNodes: readonly ASTNode[]): string | undefined {
    const args = this.args(argNodes);
    if (args === undefined) return undefined;
    const out = this.source.temp();
    const strings = args.map((arg) => `typeof ${arg} === "string"`).join(" && ");
    this.push(`if (${strings}) { ${out} = ${args.join(" + ")};`);
    this.push(`if (${out}.length > ${MAX_STRING_LENGTH}) ${this.bail()} }`);
    this.push(`else ${out} = ${this.helper(concat)}(${args.join(", ")});`);
    return out;
  }

  private binary(apply: unknown, left: ASTNode, right: ASTNode): string | undefined {
    const a = this.emit(left);
    const b = a === undefined ? undefined : this.emit(right);
    if (a === undefined || b === undefined) return undefined;
    const out = this.source.temp();
    this.push(`${out} = ${this.helper(apply)}(${a}, ${b});`);
    return out;
  }

  /** Against a string literal, equality is `===` on strings; every other pair goes to `equals`. */
  private equality(op: "==" | "!=", left: ASTNode, right: ASTNode): string | undefined {
    const literalSide = right.op === "value" && typeof right.args === "string" ? right : left;
    const other = literalSide === right ? left : right;
    if (literalSide.op !== "value" || typeof literalSide.args !== "string") {
      return this.binary(BINARY[op], left, right);
    }
    // The literal costs what its node costs, charged where cel-js evaluates it: left operand first.
    if (literalSide === left) this.chargeLiteral(literalSide.args);
    const a = this.emit(other);
    if (a === undefined) return undefined;
    if (literalSide === right) this.chargeLiteral(literalSide.args);
    const out = this.source.temp();
    this.push(`if (typeof ${a} !== "string") ${this.bail()}`);
    this.push(`${out} = ${a} ${op === "==" ? "===" : "!=="} ${stringLiteral(literalSide.args)};`);
    return out;
  }

  /** compileLogical: a decisive operand wins even when the other one fails. */
  private logical(decisive: boolean, left: ASTNode, right: ASTNode): string | undefined {
    const a = this.source.temp();
    const out = this.source.temp();
    let leftValue: string | undefined;
    const leftCode = this.source.block(() => {
      leftValue = this.emit(left);
    });
    let rightValue: string | undefined;
    const rightCode = this.source.block(() => {
      rightValue = this.emit(right);
    });
    if (leftValue === undefined || rightValue === undefined) return undefined;
    const failed = this.helper(ABSENT_OR_FAILED);
    const absent = this.helper(ABSENT);
    this.push("try {", ...leftCode, `${a} = ${leftValue};`);
    this.push(`} catch (error) { if (error !== ${absent}) throw error; ${a} = ${failed}; }`);
    this.push(`if (${a} === ${decisive}) ${out} = ${decisive}; else {`, ...rightCode);
    this.push(`if (${rightValue} === ${decisive}) ${out} = ${decisive};`);
    this.push(`else if (${a} === ${!decisive} && ${rightValue} === ${!decisive}) ${out} = ${!decisive};`);
    this.push(`else ${this.bail()} }`);
    return out;
  }

  private ternary(condition: ASTNode, whenTrue: ASTNode, whenFalse: ASTNode): string | undefined {
    const holds = this.emit(condition);
    if (holds === undefined) return undefined;
    const out = this.source.temp();
    const branch = (node: ASTNode): string[] | undefined => {
      let value: string | undefined;
      const code = this.source.block(() => {
        value = this.emit(node);
      });
      return value === undefined ? undefined : [...code, `${out} = ${value};`];
    };
    const yes = branch(whenTrue);
    const no = branch(whenFalse);
    if (yes === undefined || no === undefined) return undefined;
    this.push(`if (${holds} === true) {`, ...yes, `} else if (${holds} === false) {`, ...no);
    this.push(`} else ${this.bail()}`);
    return out;
  }

  private macro(node: ASTNode): string | undefined {
    const [name, argNodes] = node.args as [string, ASTNode[]];
    if (name === "default" && argNodes.length === 2) return this.defaultMacro(argNodes[0]!, argNodes[1]!);
    if (name === "coalesce") return this.coalesce(argNodes);
    return this.viaClosure(node);
  }

  /** An argument of default/coalesce: a certain no_such_key (ABSENT) reads as undefined. */
  private tolerantArg(node: ASTNode): { code: string[]; value: string } | undefined {
    const value = this.source.temp();
    let found: string | undefined;
    const inner = this.source.block(() => {
      found = this.emit(node, node.op === ".");
    });
    if (found === undefined) return undefined;
    const absent = this.helper(ABSENT);
    const code = ["try {", ...inner, `${value} = ${found};`];
    code.push(`} catch (error) { if (error !== ${absent}) throw error; ${value} = undefined; }`);
    return { code, value };
  }

  private defaultMacro(valueNode: ASTNode, fallbackNode: ASTNode): string | undefined {
    const value = this.tolerantArg(valueNode);
    let fallback: string | undefined;
    const fallbackCode = this.source.block(() => {
      fallback = this.emit(fallbackNode);
    });
    if (value === undefined || fallback === undefined) return undefined;
    const out = this.source.temp();
    const v = value.value;
    this.push(...value.code, `if (${v} === undefined || ${v} === null || ${v} === "") {`, ...fallbackCode);
    this.push(`${out} = ${fallback}; } else ${out} = ${v};`);
    return out;
  }

  private coalesce(argNodes: readonly ASTNode[]): string | undefined {
    const out = this.source.temp();
    const args = argNodes.map((node) => this.tolerantArg(node));
    if (args.some((arg) => arg === undefined)) return undefined;
    this.push(`${out} = null;`);
    for (const arg of args as { code: string[]; value: string }[]) {
      this.push(...arg.code, `if (${arg.value} !== undefined && ${arg.value} !== null) ${out} = ${arg.value}; else {`);
    }
    this.push("}".repeat(args.length));
    return out;
  }
}

/** What the left operand of `&&`/`||` holds when it failed: never equal to a bool. */
const ABSENT_OR_FAILED = Object.freeze({ signal: "failed" });
