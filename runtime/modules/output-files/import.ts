// Authoring: `cannectors import` of a files output, `files<ImportedRecord>({ location, format, ... })` (../README.md).
import type { z } from "zod";
import type { ImportContext } from "../../../compiler/import/contract.js";
import { literal, propertyKey, secretString } from "../../../compiler/import/ts-literals.js";
import type { FilesOutput } from "./schema.js";

function options(entries: Record<string, unknown>, use: (name: string) => void): string {
  const present = Object.entries(entries).filter(([, v]) => v !== undefined);
  const text = (k: string, v: unknown) =>
    k === "s3" && typeof v === "object" && v !== null
      ? options(v as Record<string, unknown>, use)
      : typeof v === "string"
        ? secretString(v, use, ["accessKeyId", "secretAccessKey", "sessionToken"].includes(k) ? "secret" : "config")
        : literal(v);
  return `{ ${present.map(([k, v]) => `${propertyKey(k)}: ${text(k, v)}`).join(", ")} }`;
}

export function filesOutputCall(output: z.input<typeof FilesOutput>, context: ImportContext): string {
  context.use("files");
  const { type: _type, ...rest } = output;
  return `files<ImportedRecord>(${options(rest, context.use)})`;
}
