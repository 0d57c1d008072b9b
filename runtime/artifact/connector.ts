import * as z from "zod";
import { Filter, Input, Output } from "../modules/catalogue.js";
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

// The unions of modules come from the catalogue: one line there per module.
export { Filter, Input, Output };
export type { FilterInput } from "../modules/catalogue.js";

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
