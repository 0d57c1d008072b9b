/**
 * One retry policy (issue 12, item 11): the same answers from a real server on 127.0.0.1 lead the
 * source's page fetcher and the target's sender to the same requests, waits, host pauses, attempt
 * counts, reason for giving up and log level. The decision itself is tabled in
 * runtime/net/retry-decision.test.ts; this checks both callers follow it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { HttpOutput } from "../runtime/artifact/index.js";
import { createAuthenticator } from "../runtime/auth/index.js";
import { ErrorCodes, isCannectorsError } from "../runtime/errors/index.js";
import { fetchPage } from "../runtime/modules/input-http/page-fetcher.js";
import type { RetryPolicy } from "../runtime/net/retry.js";
import { fakeClock, plainRedactor, recordingLogger, seededRandom } from "../runtime/net/testing.js";
import type { HttpClient } from "../runtime/net/types.js";
import { sendWithRetry } from "../runtime/modules/output-http/send-with-retry.js";
import { localClient } from "../runtime/modules/output-http/test-support.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";

type Answer = { status: number; retryAfter?: string };
type Ending = "ok" | "attempts-exhausted" | "retry-after-too-long" | "permanent";

interface Observed {
  ending: Ending;
  /** Reported on failure (error details, dead letter): every request sent. */
  attempts?: number;
  requests: number;
  sleeps: number[];
  pauses: number[];
  retryLogLevels: string[];
}

const POLICY: RetryPolicy = {
  maxAttempts: 3,
  initialDelayMs: 100,
  maxDelayMs: 1000,
  maxRetryAfterMs: 60_000,
  jitter: "none",
};

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server answering the API with `answers` in turn (the last one forever) and issuing tokens on /token. */
async function scripted(answers: Answer[]): Promise<TestServer> {
  let next = 0;
  let tokens = 0;
  return startServer((req, res) => {
    if (req.url.startsWith("/token")) {
      return sendJson(res, 200, { access_token: `tok-${++tokens}`, token_type: "Bearer", expires_in: 3600 });
    }
    const answer = answers[Math.min(next++, answers.length - 1)]!;
    sendJson(res, answer.status, {}, answer.retryAfter === undefined ? {} : { "retry-after": answer.retryAfter });
  });
}

async function observe(
  side: "input" | "output",
  answers: Answer[],
  policy: RetryPolicy,
  seed: number,
): Promise<Observed> {
  server = await scripted(answers);
  const clock = fakeClock();
  const logger = recordingLogger();
  const redactor = plainRedactor();
  const real = localClient(clock);
  const pauses: number[] = [];
  // The real client; pauses are recorded on their way to its rate limiter.
  const client: HttpClient = {
    ...real,
    request: (request) => real.request(request),
    close: () => real.close(),
    pauseHost(url, ms) {
      pauses.push(ms);
      real.pauseHost(url, ms);
    },
  };
  const oauth = { type: "oauth2ClientCredentials", tokenUrl: `${server.url}/token`, clientId: "c", clientSecret: "s" };
  const spec = HttpOutput.parse({ type: "http", baseUrl: server.url, path: "/items", auth: oauth });
  const auth = createAuthenticator(spec.auth, { client, clock, redactor, logger });
  const common = { client, auth, logger, redactor, clock, retry: policy, signal: new AbortController().signal };
  const random = seededRandom(seed);
  let ending: Ending = "ok";
  let attempts: number | undefined;
  try {
    if (side === "input") {
      try {
        await fetchPage({ method: "GET", url: `${server.url}/items`, headers: {} }, "page 1", {
          ...common,
          connectorName: "parity",
          random,
        });
      } catch (error) {
        if (!isCannectorsError(error)) throw error;
        attempts = error.details.attempts as number;
        ending =
          error.code === ErrorCodes.RETRY_AFTER_TOO_LONG
            ? "retry-after-too-long"
            : /still failing/.test(error.message)
              ? "attempts-exhausted"
              : "permanent";
      }
    } else {
      const records = [{ seq: 0, value: { id: 1 } }];
      const outcome = await sendWithRetry(
        {
          records,
          method: "POST",
          url: `${server.url}/items`,
          maskedUrl: `${server.url}/items`,
          headers: {},
          body: { id: 1 },
          bodyText: '{"id":1}',
        },
        { ...common, random, responses: spec.responses },
      );
      if (!outcome.ok) {
        attempts = outcome.attempts;
        ending = /^gave up after/.test(outcome.reason)
          ? "attempts-exhausted"
          : /^Retry-After of/.test(outcome.reason)
            ? "retry-after-too-long"
            : "permanent";
      }
    }
  } finally {
    await real.close();
  }
  return {
    ending,
    ...(attempts === undefined ? {} : { attempts }),
    requests: server.requests.filter((r) => !r.url.startsWith("/token")).length,
    sleeps: clock.sleeps,
    pauses,
    retryLogLevels: logger.entries.filter((e) => /retrying/.test(e.message)).map((e) => e.level),
  };
}

const ROWS: { name: string; answers: Answer[]; policy?: Partial<RetryPolicy>; seed?: number; want: Observed }[] = [
  {
    name: "503, 503, then 200",
    answers: [{ status: 503 }, { status: 503 }, { status: 200 }],
    want: { ending: "ok", requests: 3, sleeps: [100, 200], pauses: [], retryLogLevels: ["warn", "warn"] },
  },
  {
    name: "503 until the attempts run out",
    answers: [{ status: 503 }],
    want: {
      ending: "attempts-exhausted",
      attempts: 3,
      requests: 3,
      sleeps: [100, 200],
      pauses: [],
      retryLogLevels: ["warn", "warn"],
    },
  },
  {
    name: "401 (credentials refreshed), then 503 until the attempts run out: every request counted in the report",
    answers: [{ status: 401 }, { status: 503 }],
    want: {
      ending: "attempts-exhausted",
      attempts: 4,
      requests: 4,
      sleeps: [100, 200],
      pauses: [],
      retryLogLevels: ["warn", "warn"],
    },
  },
  {
    name: "429 asking for 120 s on the only attempt: out of attempts, the host paused for the cap",
    answers: [{ status: 429, retryAfter: "120" }],
    policy: { maxAttempts: 1 },
    want: { ending: "attempts-exhausted", attempts: 1, requests: 1, sleeps: [], pauses: [60_000], retryLogLevels: [] },
  },
  {
    name: "429 asking for 120 s with attempts left: Retry-After too long, the host paused for the cap",
    answers: [{ status: 429, retryAfter: "120" }],
    want: {
      ending: "retry-after-too-long",
      attempts: 1,
      requests: 1,
      sleeps: [],
      pauses: [60_000],
      retryLogLevels: [],
    },
  },
  {
    name: "429 with Retry-After 3, then 200",
    answers: [{ status: 429, retryAfter: "3" }, { status: 200 }],
    want: { ending: "ok", requests: 2, sleeps: [3000], pauses: [3000], retryLogLevels: ["warn"] },
  },
  {
    name: "429 without Retry-After, then 200: paused for the backoff",
    answers: [{ status: 429 }, { status: 200 }],
    want: { ending: "ok", requests: 2, sleeps: [100], pauses: [100], retryLogLevels: ["warn"] },
  },
  {
    name: "400: not retried",
    answers: [{ status: 400 }],
    want: { ending: "permanent", attempts: 1, requests: 1, sleeps: [], pauses: [], retryLogLevels: [] },
  },
  {
    name: "full jitter under seed 42",
    answers: [{ status: 503 }, { status: 503 }, { status: 200 }],
    policy: { jitter: "full" },
    seed: 42,
    want: { ending: "ok", requests: 3, sleeps: [60, 89], pauses: [], retryLogLevels: ["warn", "warn"] },
  },
];

describe("one retry policy for the source and the target", () => {
  for (const side of ["input", "output"] as const) {
    it.each(ROWS)(`${side}: $name`, async ({ answers, policy, seed, want }) => {
      expect(await observe(side, answers, { ...POLICY, ...policy }, seed ?? 1)).toEqual(want);
    });
  }
});
