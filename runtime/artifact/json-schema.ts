import * as z from "zod";
import { Connector } from "./connector.js";

export const SCHEMA_ID = "https://cannectors.dev/schema/cannectors.v1.json";

/** The published JSON Schema (draft-07), derived from the zod schema so the two never drift. */
export function connectorJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Connector, { target: "draft-7", io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return { $schema: schema.$schema, $id: SCHEMA_ID, title: "Cannectors connector v1", ...schema };
}
