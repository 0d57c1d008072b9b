/**
 * Issue 13 item 7: every `cannectors …` command and flag the documentation shows exists. Walks the
 * README, docs/*.md and every module README, takes each command from code blocks and inline code,
 * and checks it against the CLI's own `--help` (the built CLI, run as users run it).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./support/cli.js";

/** README.md, docs/*.md and the READMEs of the source folders (not node_modules, dist, test fixtures). */
function documents(): string[] {
  const found = ["README.md", ...readdirSync(path.join(ROOT, "docs")).map((f) => `docs/${f}`)];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory() && !["node_modules", "dist", "fixtures", "generated"].includes(entry.name))
        walk(relative);
      else if (entry.name === "README.md") found.push(relative);
    }
  };
  for (const top of ["cli", "compiler", "dsl", "generators", "runtime", "examples", "bench", "test"]) walk(top);
  return found.filter((f) => f.endsWith(".md"));
}

interface Documented {
  where: string;
  text: string;
}

/** `cannectors …` as a line of a code block (continuations joined) or an inline code span. */
function documentedCommands(markdown: string, file: string): Documented[] {
  const out: Documented[] = [];
  const lines = markdown.split("\n");
  let inBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trimStart().startsWith("```")) {
      inBlock = !inBlock;
      continue;
    }
    if (inBlock) {
      let text = line;
      let j = i;
      while (text.trimEnd().endsWith("\\") && j + 1 < lines.length)
        text = `${text.trimEnd().slice(0, -1)} ${lines[++j]}`;
      const command = /^\s*(?:\$\s+)?(?:npx\s+)?cannectors\s+(.*)$/.exec(text.split(/\s#\s/)[0] ?? "");
      if (command?.[1] !== undefined) out.push({ where: `${file}:${i + 1}`, text: command[1] });
      i = j;
      continue;
    }
    for (const span of line.matchAll(/`(?:npx\s+)?cannectors\s+([^`]+)`/g)) {
      if (span[1] !== undefined) out.push({ where: `${file}:${i + 1}`, text: span[1] });
    }
  }
  return out;
}

const help = new Map<string, Set<string>>();
const commands = new Set<string>();
let globals = new Set<string>();

function optionsOf(text: string): Set<string> {
  return new Set([...text.matchAll(/(?:^|\s|,)(--[a-z][a-z0-9-]*)/g)].map((m) => m[1] ?? ""));
}

function commandsOf(text: string): string[] {
  const section = text.split(/\nCommands:\n/)[1] ?? "";
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1] ?? "").filter((c) => c !== "help");
}

beforeAll(async () => {
  const top = await runCli(["--help"]);
  for (const name of commandsOf(top.stdout)) commands.add(name);
  globals = optionsOf(top.stdout.split(/\nCommands:\n/)[0] ?? "");
  await Promise.all(
    [...commands].map(async (name) => {
      const own = (await runCli([name, "--help"])).stdout;
      help.set(name, new Set([...globals, ...optionsOf(own)]));
      // Nested commands (executions list, executions logs ...): a flag of any of them counts for the group.
      await Promise.all(
        commandsOf(own).map(async (sub) => {
          for (const flag of optionsOf((await runCli([name, sub, "--help"])).stdout)) help.get(name)?.add(flag);
        }),
      );
    }),
  );
}, 120_000);

describe("documented commands", () => {
  it("finds commands in the documentation (the walk works)", () => {
    const all = documents().flatMap((file) => documentedCommands(readFileSync(path.join(ROOT, file), "utf8"), file));
    expect(all.length).toBeGreaterThan(20);
    expect(commands.has("run")).toBe(true);
  });

  it("each documented command and flag exists in the CLI's --help", () => {
    const problems: string[] = [];
    for (const file of documents()) {
      for (const { where, text } of documentedCommands(readFileSync(path.join(ROOT, file), "utf8"), file)) {
        const name = text.trim().split(/\s+/)[0] ?? "";
        // `cannectors --version`: the program's own flags.
        const known = name.startsWith("-") ? globals : help.get(name);
        if (!known) {
          problems.push(`${where}: cannectors ${name}: no such command`);
          continue;
        }
        for (const flag of text.matchAll(/(?:^|\s)(--[a-z][a-z0-9-]*)/g)) {
          if (flag[1] && !known.has(flag[1])) problems.push(`${where}: cannectors ${name} ${flag[1]}: no such flag`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("each flag a module README lists in a table exists on some command", () => {
    const every = new Set([...help.values()].flatMap((flags) => [...flags]));
    const problems: string[] = [];
    for (const file of documents()) {
      readFileSync(path.join(ROOT, file), "utf8")
        .split("\n")
        .forEach((line, index) => {
          const flag = /^\|\s*`(--[a-z][a-z0-9-]*)/.exec(line)?.[1];
          if (flag && !every.has(flag)) problems.push(`${file}:${index + 1}: ${flag}: no command has it`);
        });
    }
    expect(problems).toEqual([]);
  });
});
