import type { ASTNode } from "@marcbachmann/cel-js";
import { buildsValue, type Cost, charge, chargeCost, measureCost } from "../budget/meter.js";
import { compileLibraryCall, compileMethodCall } from "./functions.js";
import { compileCoalesce, compileDefault, compileHas } from "./macros.js";
import { compileBinary, compileLogical, compileTernary, compileUnary } from "./operators.js";
import { ABSENT, bail, type Evaluate } from "./signals.js";
import { int64InRange, isCelMap, jsonLike } from "./values.js";

/**
 * Literal lists and maps of literals are built once and shared: nothing downstream mutates them
 * (library functions only read, and results are copied into plain JSON), and a lookup table
 * `lookup({"a": "b"}, record.x)` then costs no allocation per record.
 */
const constants = new WeakSet<Evaluate>();
/** What a constant costs the budget meter each time, as the interpreter pays it node by node. */
const constantCosts = new WeakMap<Evaluate, Cost>();

/** Whether `evaluate` always returns the same value, whatever the variables (a literal, or built of literals). */
export function isConstant(evaluate: Evaluate): boolean {
  return constants.has(evaluate);
}

function constant(make: Evaluate): Evaluate {
  const { result, steps, bytes } = measureCost(() => make({}));
  const shared: Evaluate = () => result;
  constants.add(shared);
  constantCosts.set(shared, { steps, bytes });
  return shared;
}

/** The cost a constant closure charges per evaluation (its value was built at compile time). */
export function constantCost(evaluate: Evaluate): Cost {
  return constantCosts.get(evaluate) ?? { steps: 0, bytes: 0 };
}

/**
 * Every node's closure charges the budget meter with its value, as the interpreter's nodes do
 * (interpreter/instrument.ts): same nodes, same rule, so the three engines agree on the cost.
 */
function metered(op: string, inner: Evaluate | undefined): Evaluate | undefined {
  if (inner === undefined) return undefined;
  const builds = buildsValue(op);
  if (constants.has(inner)) {
    const base = constantCost(inner);
    const { result, steps, bytes } = measureCost(() => {
      const value = inner({});
      charge(builds, value);
      return value;
    });
    const cost = { steps: base.steps + steps, bytes: base.bytes + bytes };
    const shared: Evaluate = () => {
      chargeCost(cost.steps, cost.bytes);
      return result;
    };
    constants.add(shared);
    constantCosts.set(shared, cost);
    return shared;
  }
  return (vars) => {
    const value = inner(vars);
    charge(builds, value);
    return value;
  };
}

/**
 * Compiles a checked cel-js AST into a tree of closures, once; evaluating it runs no interpreter.
 * Undefined when the expression uses anything outside the compiled subset (comprehensions,
 * optionals, bytes, uint...): the caller keeps the interpreter for it. The generator
 * (codegen.ts) handles exactly this subset, calls these closures for the nodes it does not write
 * out, and is tested against them; they run alone where code generation is off.
 *
 * Contract with the caller: a value returned is the value cel-js returns; a throw (BAIL, ABSENT or
 * anything else) means "ask the interpreter", which then gives the exact result or error.
 */
export function compileAst(node: ASTNode): Evaluate | undefined {
  return metered(node.op, compileNode(node));
}

function compileNode(node: ASTNode): Evaluate | undefined {
  switch (node.op) {
    case "value":
      return literal(node.args);
    case "id": {
      if (hasMeta(node, "alternate")) return undefined;
      const name = node.args;
      return (vars) => jsonLike(vars[name] === undefined ? bail() : vars[name]);
    }
    case ".":
      return fieldAccess(node.args[0], node.args[1]);
    case "[]":
      return indexAccess(node.args[0], node.args[1]);
    case "&&":
    case "||":
      return both(node.args, (left, right) => compileLogical(node.op as "&&" | "||", left, right));
    case "!_":
    case "-_": {
      const operand = compileAst(node.args);
      return operand && compileUnary(node.op, operand);
    }
    case "?:": {
      const [condition, whenTrue, whenFalse] = node.args.map(compileAst);
      return condition && whenTrue && whenFalse && compileTernary(condition, whenTrue, whenFalse);
    }
    case "call":
      return call(node, node.args[0], node.args[1]);
    case "rcall": {
      if (hasMeta(node, "alternate") || hasMeta(node, "macro")) return undefined;
      const receiver = compileAst(node.args[1]);
      const args = all(node.args[2]);
      return receiver && args && compileMethodCall(node.args[0], receiver, args);
    }
    case "list":
      return list(node.args);
    case "map":
      return map(node.args);
    default:
      return binary(node);
  }
}

export function hasMeta(node: ASTNode, key: string): boolean {
  const meta = (node as unknown as { meta?: Record<string, unknown> }).meta;
  return meta !== undefined && meta[key] !== undefined;
}

function literal(value: unknown): Evaluate | undefined {
  const kind = typeof value;
  // cel-js folds `-(-9223372036854775808)` into one literal out of range: the interpreter's error.
  if (kind === "bigint" && int64InRange(value as bigint) === false) return undefined;
  if (value === null || kind === "string" || kind === "number" || kind === "boolean" || kind === "bigint") {
    const read: Evaluate = () => value;
    constants.add(read);
    return read;
  }
  return undefined;
}

function all(nodes: readonly ASTNode[]): Evaluate[] | undefined {
  const compiled: Evaluate[] = [];
  for (const node of nodes) {
    const one = compileAst(node);
    if (one === undefined) return undefined;
    compiled.push(one);
  }
  return compiled;
}

function both(nodes: readonly [ASTNode, ASTNode], make: (l: Evaluate, r: Evaluate) => Evaluate | undefined) {
  const left = compileAst(nodes[0]);
  const right = compileAst(nodes[1]);
  return left && right && make(left, right);
}

function binary(node: ASTNode): Evaluate | undefined {
  if (!Array.isArray(node.args) || node.args.length !== 2) return undefined;
  return both(node.args as [ASTNode, ASTNode], (left, right) => compileBinary(node.op, left, right));
}

/**
 * For `default` and `coalesce`: a field access whose last key is missing gives undefined instead
 * of throwing ABSENT (same meaning, read by the macro, without the cost of an exception).
 */
function allTolerant(nodes: readonly ASTNode[]): Evaluate[] | undefined {
  const compiled: Evaluate[] = [];
  for (const node of nodes) {
    const one = node.op === "." ? metered(".", fieldAccess(node.args[0], node.args[1], true)) : compileAst(node);
    if (one === undefined) return undefined;
    compiled.push(one);
  }
  return compiled;
}

/** `a.b` on a map: the value, or certainly no_such_key when it is missing (or `a` is null). */
function fieldAccess(subject: ASTNode, name: string, tolerant = false): Evaluate | undefined {
  const object = variableRead(subject) ?? compileAst(subject);
  if (object === undefined) return undefined;
  return (vars) => {
    const from = object(vars);
    if (from === null) return tolerant ? undefined : absent();
    if (!isCelMap(from)) return bail();
    const value = Object.hasOwn(from, name) ? from[name] : undefined;
    if (value === undefined) return tolerant ? undefined : absent();
    return jsonLike(value);
  };
}

/**
 * `record` as the subject of a field access, read without the type check of `id`: the access
 * itself only proceeds on null or a plain object, which pass that check anyway.
 */
function variableRead(node: ASTNode): Evaluate | undefined {
  if (node.op !== "id" || hasMeta(node, "alternate")) return undefined;
  const name = node.args;
  return metered("id", (vars) => (vars[name] === undefined ? bail() : vars[name]));
}

function absent(): never {
  throw ABSENT;
}

/** `list[i]` in range and `map["key"]` present; every other case is cel-js's to report. */
function indexAccess(subject: ASTNode, index: ASTNode): Evaluate | undefined {
  const object = compileAst(subject);
  const key = compileAst(index);
  if (object === undefined || key === undefined) return undefined;
  return (vars) => {
    const from = object(vars);
    const at = key(vars);
    let value: unknown;
    if (Array.isArray(from) && typeof at === "bigint" && at >= 0n && at < BigInt(from.length)) {
      value = from[Number(at)];
    } else if (isCelMap(from) && typeof at === "string" && Object.hasOwn(from, at)) {
      value = from[at];
    }
    return value === undefined ? bail() : jsonLike(value);
  };
}

function call(node: ASTNode, name: string, argNodes: readonly ASTNode[]): Evaluate | undefined {
  if (hasMeta(node, "macro")) return macro(name, argNodes);
  const args = all(argNodes);
  return args && compileLibraryCall(name, args);
}

function macro(name: string, argNodes: readonly ASTNode[]): Evaluate | undefined {
  if (name === "has") return has(argNodes[0]);
  if (name === "default" && argNodes.length === 2) {
    // Only the value is absent-tolerant: a missing key in the fallback is an error, as in cel-js.
    const [value] = allTolerant(argNodes.slice(0, 1)) ?? [];
    const fallback = compileAst(argNodes[1]!);
    return value && fallback && compileDefault(value, fallback);
  }
  const args = allTolerant(argNodes);
  if (args === undefined) return undefined;
  if (name === "coalesce") return compileCoalesce(args);
  return undefined;
}

function has(arg: ASTNode | undefined): Evaluate | undefined {
  const names: string[] = [];
  let node = arg;
  while (node?.op === ".") {
    names.unshift(node.args[1]);
    node = node.args[0];
  }
  if (node?.op !== "id" || names.length === 0) return undefined;
  const root = compileAst(node);
  return root && compileHas(root, names);
}

/** Elements run last to first, as cel-js resolves them. */
function list(nodes: readonly ASTNode[]): Evaluate | undefined {
  const items = all(nodes);
  if (items === undefined) return undefined;
  const build: Evaluate = (vars) => {
    const out = new Array<unknown>(items.length);
    for (let i = items.length - 1; i >= 0; i--) out[i] = items[i]!(vars);
    return out;
  };
  return items.every((item) => constants.has(item)) ? constant(build) : build;
}

const SPECIAL_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Entries in order, key before value. Only string keys that a plain object holds as data, each
 * once; any other literal (int or bool keys, `constructor`, a repeated key) is the interpreter's
 * (interpreter/map-literal.ts), which builds a Map or reports the error.
 */
function map(entries: readonly (readonly [ASTNode, ASTNode])[]): Evaluate | undefined {
  const compiled: [Evaluate, Evaluate][] = [];
  for (const [keyNode, valueNode] of entries) {
    const key = compileAst(keyNode);
    const value = compileAst(valueNode);
    if (key === undefined || value === undefined) return undefined;
    compiled.push([key, value]);
  }
  const build: Evaluate = (vars) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of compiled) {
      const k = key(vars);
      const v = value(vars);
      if (typeof k !== "string" || SPECIAL_KEYS.has(k) || Object.hasOwn(out, k)) bail();
      out[k as string] = v;
    }
    return out;
  };
  if (!compiled.every(([k, v]) => constants.has(k) && constants.has(v))) return build;
  try {
    return constant(build);
  } catch {
    return undefined;
  }
}
