/**
 * Module hooks for running a connector file (registered with `node:module` register() in the
 * build's child process only): `.ts` files are transpiled with their lambdas tagged, NodeNext
 * `./x.js` specifiers find `./x.ts`, and the bare `cannectors` import means this package.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { transpileConnectorSource } from "./span-transformer.js";

interface ResolveContext {
  parentURL?: string;
  conditions?: readonly string[];
  importAttributes?: Record<string, string>;
}
interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<ResolveResult>;
interface LoadResult {
  format: string;
  source?: string | ArrayBuffer | Uint8Array;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context?: { format?: string | null }) => Promise<LoadResult>;

const PACKAGE_NAME = "cannectors";

function isTypeScript(url: string): boolean {
  return url.startsWith("file:") && /\.(ts|mts)$/.test(url) && !/\.d\.(ts|mts)$/.test(url);
}

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<ResolveResult> {
  if (specifier === PACKAGE_NAME || specifier.startsWith(`${PACKAGE_NAME}/`)) {
    // Self-reference from this module (inside the package), so package.json#exports decides what users get.
    return next(specifier, { ...context, parentURL: import.meta.url });
  }
  const parent = context.parentURL;
  if (parent?.startsWith("file:") && /^\.\.?\//.test(specifier) && /\.(js|mjs)$/.test(specifier)) {
    const target = new URL(specifier, parent);
    if (!existsSync(fileURLToPath(target))) {
      const typescript = new URL(target.href.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts"));
      if (existsSync(fileURLToPath(typescript))) return { url: typescript.href, format: "module", shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url: string, context: { format?: string | null }, next: NextLoad): Promise<LoadResult> {
  if (!isTypeScript(url)) return next(url, context);
  const file = fileURLToPath(url);
  const source = transpileConnectorSource(readFileSync(file, "utf8"), file);
  return { format: "module", source, shortCircuit: true };
}
