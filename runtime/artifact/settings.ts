import * as z from "zod";
import { Duration } from "./common.js";
import { Alerts, Notification } from "../notify/schema.js";

export const RetrySettings = z.strictObject({
  maxAttempts: z.number().int().min(1).max(100).default(5).describe("Attempts in all, the first included."),
  initialDelay: Duration.default("500ms"),
  maxDelay: Duration.default("30s"),
  maxRetryAfter: Duration.default("60s").describe(
    "Longest Retry-After honoured; a longer one fails the request (dead letter) instead of sleeping.",
  ),
  jitter: z.enum(["full", "none"]).default("full").describe("Full jitter draws each wait in [0, backoff]."),
});

/** One host's request budget: a token bucket refilled per second or per minute. */
export const HostRateLimit = z
  .strictObject({
    host: z
      .string()
      .min(1)
      .regex(/^[^\s/]+$/, "expected a host name, optionally with :port (no scheme, no path)")
      .describe("The host (api.example.com, or api.example.com:8443 for one port) this budget applies to."),
    requestsPerSecond: z.number().positive().optional(),
    requestsPerMinute: z.number().positive().optional(),
    burst: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("Requests allowed at once after an idle spell; default 1 (strict spacing)."),
  })
  .refine((limit) => (limit.requestsPerSecond === undefined) !== (limit.requestsPerMinute === undefined), {
    message: "give exactly one of requestsPerSecond and requestsPerMinute",
  });
export type HostRateLimit = z.infer<typeof HostRateLimit>;

/** Per-record budget of each expression evaluation (runtime/expr/budget). */
export const ExpressionLimits = z
  .strictObject({
    maxSteps: z
      .number()
      .int()
      .min(1000)
      .optional()
      .describe(
        "Evaluation steps per expression and record (default 10000000): one per node, plus the length of each string or list a node yields.",
      ),
    maxBytes: z
      .number()
      .int()
      .min(65536)
      .optional()
      .describe(
        "Bytes of intermediate values built per expression and record (default 268435456, 256 MiB; estimated: 2 per string unit, 8 per list element).",
      ),
  })
  .describe("Past either, the record fails with CANNECTORS_E_EXPRESSION_BUDGET (dead letter) and the run goes on.");

export const Settings = z
  .strictObject({
    retries: RetrySettings.default({
      maxAttempts: 5,
      initialDelay: "500ms",
      maxDelay: "30s",
      maxRetryAfter: "60s",
      jitter: "full",
    }),
    rateLimit: z
      .strictObject({
        requestsPerSecond: z.number().positive(),
        burst: z.number().int().positive().optional(),
      })
      .optional()
      .describe("Per-host token bucket shared by the input and the output."),
    rateLimits: z
      .array(HostRateLimit)
      .optional()
      .describe(
        "Request budgets of named hosts, shared by every module that calls the host (Airbyte's HTTPAPIBudget); a host listed here is not under `rateLimit`. X-RateLimit-* and RateLimit-* response headers are honoured on every host either way.",
      ),
    timeouts: z
      .strictObject({ connect: Duration.default("10s"), request: Duration.default("30s") })
      .default({ connect: "10s", request: "30s" }),
    concurrency: z.number().int().min(1).max(256).default(4).describe("Output requests in flight at once."),
    network: z
      .strictObject({
        allowPrivateLinkLocal: z
          .boolean()
          .default(false)
          .describe("Allow link-local and cloud-metadata addresses (169.254.0.0/16, fe80::/10). Off by default."),
        allowHosts: z.array(z.string().min(1)).default([]).describe("Extra hosts beyond those the modules name."),
      })
      .default({ allowPrivateLinkLocal: false, allowHosts: [] }),
    limits: z
      .strictObject({
        maxResponseBytes: z
          .number()
          .int()
          .min(1024)
          .optional()
          .describe("Largest response body read, in bytes (default 33554432, 32 MiB); a larger one fails the request."),
        maxDepth: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .optional()
          .describe(
            "Deepest nesting of objects and lists within one source record, the record itself being level 1 (default 64); a deeper record is dead-lettered.",
          ),
        expression: ExpressionLimits.optional(),
      })
      .optional()
      .describe("Caps on what the runtime reads from the network and what one expression may cost per record."),
    notifications: z
      .array(Notification)
      .optional()
      .describe("Webhooks told when a run ends (Standard Webhooks payloads, signed when a secret is given)."),
    alerts: Alerts.optional(),
    tracing: z
      .strictObject({
        propagate: z
          .boolean()
          .default(false)
          .describe(
            "Send a W3C traceparent header with every request, so a target that traces joins the run's trace (it tells the target a trace id).",
          ),
      })
      .optional()
      .describe(
        "Traces are exported when OTEL_EXPORTER_OTLP_ENDPOINT (or _TRACES_ENDPOINT) is set; this says what the requests carry.",
      ),
  })
  .describe("Run-wide settings.");
export type Settings = z.infer<typeof Settings>;
export type RetrySettings = z.infer<typeof RetrySettings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
