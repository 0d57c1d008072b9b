import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Vitest's default on 2 cores is one worker; most e2e files wait on child processes and servers,
    // so two workers take the suite from ~850 s to ~575 s on CI's 2 cores without a timeout (2026-12-07).
    maxWorkers: 2,
  },
});
