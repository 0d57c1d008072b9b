/** The runtime's one HTTP boundary: every module talks to the network through an HttpClient. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** Overrides the client's request timeout. */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /**
   * The caller acts on the status alone (an output delivery): a body cut off, too large or timed out
   * after the status line arrived is not an error; the response comes with `bodyError` instead.
   */
  statusOnly?: boolean | undefined;
  /** The hosts the calling module may reach (see moduleClient); refused before connecting otherwise. */
  hosts?: ModuleHosts | undefined;
}

/** One module's host allowlist, named for the refusal message. */
export interface ModuleHosts {
  owner: string;
  allows(url: URL): boolean;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", " (set-cookie excepted, it is dropped). */
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that answered (after same-origin redirects). */
  url: string;
  /** With `statusOnly`: why the body did not arrive in full (redacted); `body` is then empty. */
  bodyError?: string | undefined;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** A module's client (moduleClient): the hosts every request it sends carries. */
  readonly hosts?: ModuleHosts | undefined;
  /** Holds every request to the host of `url` for `ms`: used when the host says it is rate limiting us. */
  pauseHost(url: string, ms: number): void;
  close(): Promise<void>;
}

/** Time, injectable so tests never sleep for real and Retry-After dates are computed against a known now. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
