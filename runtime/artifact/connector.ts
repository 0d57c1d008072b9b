import { z } from "zod";
import { Filter } from "../modules/filter-map/schema.js";
import { HttpInput } from "../modules/input-http/schema.js";
import { WebhookInput } from "../modules/input-webhook/schema.js";
import { HttpOutput } from "../modules/output-http/schema.js";
import { DEFAULT_SETTINGS, Settings } from "./settings.js";

export const API_VERSION = "cannectors.dev/v1";
export const KIND = "Connector";

export const Metadata = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "expected lowercase letters, digits and dashes (a DNS label)"),
  version: z.string().min(1).default("0.1.0"),
  description: z.string().optional(),
  labels: z.record(z.string(), z.string()).default({}),
});

export const Input = z.discriminatedUnion("type", [HttpInput, WebhookInput]);
export const Output = z.discriminatedUnion("type", [HttpOutput]);

export const Connector = z
  .strictObject({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal(KIND),
    metadata: Metadata,
    input: Input,
    filters: z.array(Filter).default([]),
    output: Output,
    settings: Settings.default(DEFAULT_SETTINGS),
  })
  .describe("A Cannectors connector: input → filters → output.");

export type Connector = z.infer<typeof Connector>;
export type Metadata = z.infer<typeof Metadata>;
export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;
