import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { compareKeys } from "../emit/index.js";

/** What `build` and `check` read when given no files: connector sources, not their tests or declarations. */
export const DEFAULT_PATTERNS = ["connectors/**/*.ts"];

const GLOB = /[*?[{]/;
const SKIPPED_DIRS = new Set(["node_modules", ".git", "dist"]);

function globToRegExp(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? "";
    if (char === "*" && pattern[i + 1] === "*") {
      // `**/` matches zero or more whole directories.
      out += pattern[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += pattern[i + 2] === "/" ? 2 : 1;
    } else if (char === "*") out += "[^/]*";
    else if (char === "?") out += "[^/]";
    else out += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

function walk(dir: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) walk(full, found);
    else if (entry.isFile()) found.push(full);
  }
}

function expandPattern(pattern: string, cwd: string): string[] {
  const posix = pattern.split(path.sep).join("/");
  const segments = posix.split("/");
  const firstGlob = segments.findIndex((segment) => GLOB.test(segment));
  const base = path.resolve(cwd, segments.slice(0, firstGlob).join("/") || ".");
  if (!existsSync(base) || !statSync(base).isDirectory()) return [];
  const matcher = globToRegExp(segments.slice(firstGlob).join("/"));
  const files: string[] = [];
  walk(base, files);
  return files.filter((file) => matcher.test(path.relative(base, file).split(path.sep).join("/")));
}

function isConnectorSource(file: string): boolean {
  return /\.(ts|mts)$/.test(file) && !/\.d\.(ts|mts)$/.test(file) && !/\.test(-d)?\.(ts|mts)$/.test(file);
}

/** Files and globs (`**`, `*`, `?`) → absolute paths, sorted and without duplicates. Literal paths are kept even when missing, so the loader reports them. */
export function expandFiles(args: readonly string[], cwd: string = process.cwd()): string[] {
  const patterns = args.length > 0 ? args : DEFAULT_PATTERNS;
  const files = new Set<string>();
  for (const pattern of patterns) {
    if (GLOB.test(pattern)) for (const file of expandPattern(pattern, cwd).filter(isConnectorSource)) files.add(file);
    else files.add(path.resolve(cwd, pattern));
  }
  return [...files].sort(compareKeys);
}
