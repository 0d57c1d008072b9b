import { defineConfig } from "vitest/config";

/** The end-to-end files: real servers, brokers and databases, each file in a fresh process. */
const E2E = ["test/**/*.test.ts"];
const NEVER = ["node_modules/**", "dist/**"];

// Spread into each project, not inherited with `extends: true`: with it, http-output.retry's 40 ms
// request-timeout case failed 4 runs in 5 (it passed 5 in 5 without projects and 3 in 3 like this).
const common = { testTimeout: 30_000, hookTimeout: 30_000, pool: "forks" as const };

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one worker; most e2e files wait on child processes and servers,
    // so two workers take the suite from ~850 s to ~575 s on CI's 2 cores without a timeout (2026-12-07).
    maxWorkers: 2,
    projects: [
      {
        // Beside the code they test: a worker runs file after file in one module graph, where a fresh
        // process per file imported the same modules again. Every 4th of these files (61): 90 s of CPU
        // isolated, 63 s not; their imports 176 s, 45 s (2026-12-07, load 21-27 on 2 cores).
        test: { ...common, name: "unit", include: ["**/*.test.ts"], exclude: [...E2E, ...NEVER], isolate: false },
      },
      { test: { ...common, name: "e2e", include: E2E, exclude: NEVER } },
    ],
  },
});
