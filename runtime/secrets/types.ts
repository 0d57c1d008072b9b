/** Masks secret values, and their base64 and URL-encoded forms, in any text that leaves the process. */
export interface Redactor {
  /** Registers a value learnt at run time (e.g. an OAuth2 access token). Values shorter than 4 chars are ignored. */
  add(secret: string): void;
  redact(text: string): string;
  /** Deep copy of a JSON-like value with every string redacted. */
  redactValue<T>(value: T): T;
}

/** `env`: configuration unless its position makes it a secret (see positions.ts); `secret`: always a secret. */
export type RefSource = "env" | "secret";

/** One `${env:NAME}` or `${secret:NAME}` occurrence inside a string of the artifact. */
export interface SecretRef {
  /** Where the string sits in the artifact, e.g. `["input", "auth", "token"]`. */
  path: (string | number)[];
  /** The environment variable's name. */
  name: string;
  /** The reference exactly as written, e.g. `${env:API_TOKEN}`. */
  raw: string;
  source: RefSource;
  /** Where the reference starts in its string. */
  index: number;
}

export interface SecretSyntaxError {
  path: (string | number)[];
  message: string;
}
