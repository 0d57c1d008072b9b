import { MAX_STRING_LENGTH } from "../limits.js";
import { LIBRARY_FUNCTIONS, type LibraryFunction, type LibraryParam } from "../library/index.js";
import { concat } from "../library/strings.js";
import { bail, type Evaluate } from "./signals.js";
import { isCelMap } from "./values.js";

const LIBRARY = new Map<string, LibraryFunction>(LIBRARY_FUNCTIONS.map((f) => [`${f.name}/${f.params.length}`, f]));

/** The library overload `name` with `arity` parameters, if any. */
export function libraryFunction(name: string, arity: number): LibraryFunction | undefined {
  return LIBRARY.get(`${name}/${arity}`);
}

const MATCHES: Record<LibraryParam, ((value: unknown) => boolean) | undefined> = {
  dyn: undefined,
  string: (value) => typeof value === "string",
  list: (value) => Array.isArray(value) || value instanceof Set,
};

/** Calls a handler; any failure bails so cel-js reports it with its own location. */
function invoke(handler: LibraryFunction["handler"], args: unknown[]): unknown {
  try {
    return handler(...args);
  } catch {
    return bail();
  }
}

function invoke1(handler: LibraryFunction["handler"], a: unknown): unknown {
  try {
    return handler(a);
  } catch {
    return bail();
  }
}

/**
 * A library function call. Arguments run last to first, as cel-js resolves them, so the first
 * failure is the same one; each is checked against the overload's parameter type.
 */
export function compileLibraryCall(name: string, args: readonly Evaluate[]): Evaluate | undefined {
  const found = LIBRARY.get(`${name}/${args.length}`);
  if (found === undefined) return builtinCall(name, args);
  const handler = found.handler;
  const checks = found.params.map((param) => MATCHES[param]);
  if (name === "concat") return concatStrings(args);
  if (args.length === 1) {
    const [only] = args as [Evaluate];
    const check = checks[0];
    return (vars) => {
      const a = only(vars);
      if (check !== undefined && !check(a)) bail();
      return invoke1(handler, a);
    };
  }
  return (vars) => {
    const values = new Array<unknown>(args.length);
    for (let i = args.length - 1; i >= 0; i--) values[i] = args[i]!(vars);
    for (let i = 0; i < checks.length; i++) if (checks[i] !== undefined && !checks[i]!(values[i])) bail();
    return invoke(handler, values);
  };
}

/** `concat` of strings is their concatenation; any other argument goes through the library's `concat`. */
function concatStrings(args: readonly Evaluate[]): Evaluate {
  const last = args.length - 1;
  return (vars) => {
    const values = new Array<unknown>(args.length);
    let text = "";
    let plain = true;
    for (let i = last; i >= 0; i--) {
      const value = args[i]!(vars);
      values[i] = value;
      if (typeof value === "string") text = value + text;
      else plain = false;
    }
    return plain && text.length <= MAX_STRING_LENGTH ? text : invoke(concat, values);
  };
}

/** Unicode code points, as cel-js counts a string's size. */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function sizeOf(value: unknown): bigint {
  if (typeof value === "string") return BigInt(codePoints(value));
  if (Array.isArray(value)) return BigInt(value.length);
  return isCelMap(value) ? BigInt(Object.keys(value).length) : bail();
}

function builtinCall(name: string, args: readonly Evaluate[]): Evaluate | undefined {
  if (name !== "size" || args.length !== 1) return undefined;
  const [subject] = args as [Evaluate];
  return (vars) => sizeOf(subject(vars));
}

const STRING_METHODS: Record<string, (text: string, arg: string) => boolean> = {
  startsWith: (text, arg) => text.startsWith(arg),
  endsWith: (text, arg) => text.endsWith(arg),
  contains: (text, arg) => text.includes(arg),
};

/** `text.startsWith(s)` and friends, and `x.size()`; the argument runs before the receiver. */
export function compileMethodCall(name: string, receiver: Evaluate, args: readonly Evaluate[]): Evaluate | undefined {
  if (name === "size" && args.length === 0) return (vars) => sizeOf(receiver(vars));
  const method = STRING_METHODS[name];
  if (method === undefined || args.length !== 1) return undefined;
  const [argument] = args as [Evaluate];
  return (vars) => {
    const arg = argument(vars);
    const text = receiver(vars);
    return typeof text === "string" && typeof arg === "string" ? method(text, arg) : bail();
  };
}
