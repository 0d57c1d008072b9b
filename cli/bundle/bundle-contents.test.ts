import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../test/support/cli.js";

// What start-up compiles is what the bundle holds: esbuild names each module it inlines in a
// `// node_modules/...` comment. `import { z } from "zod"` (the `z` object, not a namespace)
// would bring back every zod locale, about 450 KB that `cannectors run` compiled for nothing.
describe("the program script's inlined packages", () => {
  const script = path.join(ROOT, "dist/bundle/script/program.js");
  it.runIf(existsSync(script))("hold zod's English messages only, none of its other locales", () => {
    const locales = [...readFileSync(script, "utf8").matchAll(/^\/\/ node_modules\/zod\/v4\/locales\/(.*)$/gm)];
    const others = locales.map((match) => match[1]).filter((file) => file !== "en.js" && file !== "index.js");
    expect(others).toEqual([]);
  });

  // write-script.ts's asciiOnly: one non-ASCII character makes V8 hold the whole source as two-byte.
  it.runIf(existsSync(script))("is ASCII, so V8 holds it as a one-byte string", () => {
    expect(readFileSync(script, "latin1")).not.toMatch(/[\u0080-\uffff]/);
  });
});
