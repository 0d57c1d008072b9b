/** Wires a real output (real client, real OAuth2 authenticator) to a real local server; test-only. */
import {
  type Handler,
  type RecordedRequest,
  sendJson,
  startServer,
  type TestServer,
} from "../../../test/support/http-server.js";
import { HttpOutput } from "../../artifact/index.js";
import { type Authenticator, createAuthenticator } from "../../auth/index.js";
import type { DeadLetterSink, DryRunSink, OutputModule } from "../../engine/modules.js";
import type { RetryPolicy } from "../../net/retry.js";
import { createHttpOutput } from "./http-output.js";
import {
  type FakeClock,
  fakeClock,
  localClient,
  memoryDeadLetter,
  noJitter,
  plainRedactor,
  recordingLogger,
} from "./test-support.js";

export const TOKENS = ["tok-very-secret-1", "tok-very-secret-2"] as const;
export const CLIENT_SECRET = "client-very-secret";

export interface Harness {
  server: TestServer;
  output: OutputModule;
  clock: FakeClock;
  logger: ReturnType<typeof recordingLogger>;
  deadLetter: ReturnType<typeof memoryDeadLetter>;
  /** Requests to the API, token requests left out. */
  apiRequests(): RecordedRequest[];
  tokenRequests(): RecordedRequest[];
  /** A second output over the same server and collaborators: a rerun. */
  rerun(): OutputModule;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Overrides of the output spec; `auth` defaults to OAuth2 client credentials against the server's /token. */
  spec?: Record<string, unknown>;
  retry?: Partial<RetryPolicy>;
  secrets?: string[];
  deadLetter?: DeadLetterSink;
  dryRun?: DryRunSink;
  signal?: AbortSignal;
  /** Statuses the token endpoint answers first, one per token request, before it issues tokens. */
  tokenFailures?: number[];
}

const isToken = (req: RecordedRequest) => req.url.startsWith("/token");

export async function harness(handler: Handler, options: HarnessOptions = {}): Promise<Harness> {
  let tokensIssued = 0;
  const server = await startServer((req, res) => {
    if (!isToken(req)) return handler(req, res);
    const failure = options.tokenFailures?.shift();
    if (failure !== undefined) return sendJson(res, failure, { error: "temporarily_unavailable" });
    const token = TOKENS[Math.min(tokensIssued++, TOKENS.length - 1)];
    sendJson(res, 200, { access_token: token, token_type: "Bearer", expires_in: 3600 });
  });
  const clock = fakeClock();
  const logger = recordingLogger();
  const redactor = plainRedactor(options.secrets ?? []);
  const deadLetter = memoryDeadLetter();
  const client = localClient(clock);
  const spec = HttpOutput.parse({
    type: "http",
    baseUrl: server.url,
    path: "/clients",
    auth: {
      type: "oauth2ClientCredentials",
      tokenUrl: `${server.url}/token`,
      clientId: "crm",
      clientSecret: CLIENT_SECRET,
    },
    ...options.spec,
  });
  const auth: Authenticator = createAuthenticator(spec.auth, { client, clock, redactor, logger });
  const build = () =>
    createHttpOutput(spec, {
      connectorName: "crm-sync",
      client,
      logger,
      redactor,
      clock,
      retry: noJitter(options.retry),
      signal: options.signal ?? new AbortController().signal,
      auth,
      deadLetter: options.deadLetter ?? deadLetter,
      dryRun: options.dryRun,
    });
  return {
    server,
    output: build(),
    clock,
    logger,
    deadLetter,
    apiRequests: () => server.requests.filter((req) => !isToken(req)),
    tokenRequests: () => server.requests.filter(isToken),
    rerun: build,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

export { outputRecords as records } from "../../engine/testing.js";
