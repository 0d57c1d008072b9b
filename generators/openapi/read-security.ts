import type { SecurityScheme } from "./model.js";
import { childPointer, isRecord } from "./pointer.js";
import type { ReaderContext } from "./reader-context.js";

/** `components.securitySchemes` (2.0's `securityDefinitions` are converted beforehand). */
export function readSecuritySchemes(
  ctx: ReaderContext,
  root: Record<string, unknown>,
  warnings: string[],
): SecurityScheme[] {
  const components = isRecord(root.components) ? root.components : {};
  const raw = components.securitySchemes;
  if (!isRecord(raw)) return [];
  const out: SecurityScheme[] = [];
  for (const id of Object.keys(raw)) {
    const at = ctx.object(
      { value: raw[id], href: ctx.documents.rootHref, pointer: childPointer("#/components/securitySchemes", id) },
      "a security scheme",
    );
    if (at === undefined) continue;
    const scheme = readScheme(id, at.value);
    if (typeof scheme === "string") warnings.push(`security scheme "${id}": ${scheme}`);
    else out.push(scheme);
  }
  return out;
}

function readScheme(id: string, def: Record<string, unknown>): SecurityScheme | string {
  const description = typeof def.description === "string" ? { description: def.description } : {};
  switch (def.type) {
    case "apiKey": {
      const where = def.in === "query" || def.in === "cookie" ? def.in : "header";
      if (typeof def.name !== "string") return "apiKey without a name";
      return { id, type: "apiKey", in: where, name: def.name, ...description };
    }
    case "http": {
      const scheme = typeof def.scheme === "string" ? def.scheme.toLowerCase() : "bearer";
      const bearerFormat = typeof def.bearerFormat === "string" ? { bearerFormat: def.bearerFormat } : {};
      return { id, type: "http", scheme, ...bearerFormat, ...description };
    }
    case "oauth2": {
      const flows = isRecord(def.flows) ? def.flows : {};
      const cc = flows.clientCredentials;
      const clientCredentials =
        isRecord(cc) && typeof cc.tokenUrl === "string"
          ? {
              clientCredentials: {
                tokenUrl: cc.tokenUrl,
                scopes: isRecord(cc.scopes) ? stringValues(cc.scopes) : {},
                ...(typeof cc.refreshUrl === "string" ? { refreshUrl: cc.refreshUrl } : {}),
              },
            }
          : {};
      const ac = flows.authorizationCode;
      const authorizationCode =
        isRecord(ac) && typeof ac.tokenUrl === "string" && typeof ac.authorizationUrl === "string"
          ? {
              authorizationCode: {
                authorizationUrl: ac.authorizationUrl,
                tokenUrl: ac.tokenUrl,
                scopes: isRecord(ac.scopes) ? stringValues(ac.scopes) : {},
              },
            }
          : {};
      const otherFlows = Object.keys(flows).filter(
        (f) =>
          !(f === "clientCredentials" && "clientCredentials" in clientCredentials) &&
          !(f === "authorizationCode" && "authorizationCode" in authorizationCode),
      );
      return { id, type: "oauth2", ...clientCredentials, ...authorizationCode, otherFlows, ...description };
    }
    case "openIdConnect":
      return {
        id,
        type: "openIdConnect",
        ...(typeof def.openIdConnectUrl === "string" ? { openIdConnectUrl: def.openIdConnectUrl } : {}),
        ...description,
      };
    case "mutualTLS":
      return { id, type: "mutualTLS", ...description };
    default:
      return `unknown type ${JSON.stringify(def.type)}, ignored`;
  }
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
}
