import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import type { ChatHttpRequest } from "./protocol.js";
import { safeUrl } from "./safe-url.js";
import type { FetchFunction } from "./types.js";

const MAX_BODY_EXCERPT = 200;

export interface ChatCallOptions {
  timeoutMs: number;
  fetch: FetchFunction;
  /** Said in a 401/403 error, e.g. "OPENAI_API_KEY is not set". */
  authHint?: string | undefined;
}

/**
 * One POST whose whole exchange, body included, must finish within the timeout. Errors quote the
 * endpoint and a short excerpt of the server's answer; masking secrets in them is the caller's job.
 */
export async function callChat(request: ChatHttpRequest, options: ChatCallOptions): Promise<unknown> {
  const where = `POST ${safeUrl(request.url)}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await options.fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: "error",
    });
    const text = await response.text();
    if (!response.ok) {
      const hint =
        (response.status === 401 || response.status === 403) && options.authHint ? ` (${options.authHint})` : "";
      throw new CannectorsError(
        ErrorCodes.HTTP_STATUS,
        `${where} answered ${response.status}${hint}: ${excerpt(text)}`,
        { details: { status: response.status } },
      );
    }
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new CannectorsError(
        ErrorCodes.LLM_ANSWER,
        `${where} answered with a body that is not JSON: ${excerpt(text)}`,
        {
          cause,
        },
      );
    }
  } catch (error) {
    if (error instanceof CannectorsError) throw error;
    if (controller.signal.aborted) {
      throw new CannectorsError(ErrorCodes.HTTP_TIMEOUT, `${where}: no answer within ${options.timeoutMs} ms`);
    }
    throw new CannectorsError(ErrorCodes.HTTP_NETWORK, `${where} failed`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return "(empty body)";
  return flat.length <= MAX_BODY_EXCERPT ? flat : `${flat.slice(0, MAX_BODY_EXCERPT)}…`;
}
