import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { CannectorsError, ErrorCodes } from "../errors/index.js";

/**
 * Secrets at rest in the state store (OAuth2 refresh tokens) are sealed with AES-256-GCM under a
 * key the user provides: `CANNECTORS_STATE_KEY`, or a key file. The key text is stretched with
 * scrypt and a random salt per sealed value, so a short passphrase costs an attacker 16 MiB and
 * tens of milliseconds per guess; the sealed value is bound to its row (`context`, the connector
 * name) as GCM's additional data, so a token copied to another connector's row does not open.
 *
 * Format: `v1.<salt>.<iv>.<tag>.<ciphertext>`, each base64url.
 */
export const STATE_KEY_ENV = "CANNECTORS_STATE_KEY";
const VERSION = "v1";
const MIN_KEY_LENGTH = 16;

export interface StateKey {
  readonly kind: "stateKey";
  /** Where the key came from, for messages: never the key. */
  readonly source: string;
  readonly secret: string;
}

function keyError(message: string, details: Record<string, unknown> = {}): CannectorsError {
  return new CannectorsError(ErrorCodes.STATE_KEY, message, { details });
}

/** The key from `keyFile` when given, else from the environment; an error saying how to provide one otherwise. */
export function stateKeyFrom(env: Record<string, string | undefined>, keyFile?: string): StateKey {
  let secret: string | undefined;
  let source: string;
  if (keyFile !== undefined) {
    source = `key file ${keyFile}`;
    try {
      secret = readFileSync(keyFile, "utf8").trim();
    } catch (error) {
      throw new CannectorsError(ErrorCodes.STATE_KEY, `cannot read the state key file ${keyFile}`, {
        cause: error,
        details: { keyFile },
      });
    }
  } else {
    source = STATE_KEY_ENV;
    secret = env[STATE_KEY_ENV];
  }
  if (secret === undefined || secret === "") {
    throw keyError(
      `no state key: refresh tokens are stored encrypted; set ${STATE_KEY_ENV} or pass --state-key-file (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  if (secret.length < MIN_KEY_LENGTH) {
    throw keyError(`the state key from ${source} is shorter than ${MIN_KEY_LENGTH} characters`, { source });
  }
  return { kind: "stateKey", source, secret };
}

function derive(key: StateKey, salt: Buffer): Buffer {
  return scryptSync(key.secret, salt, 32);
}

export function seal(key: StateKey, plaintext: string, context: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derive(key, salt), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, salt, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The plaintext; a clear CANNECTORS_E_STATE_KEY error when the key is not the one it was sealed with. */
export function unseal(key: StateKey, sealed: string, context: string): string {
  const [version, ...parts] = sealed.split(".");
  const [salt, iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, "base64url"));
  if (version !== VERSION || !salt || !iv || !tag || !ciphertext || parts.length !== 4) {
    throw keyError(`the stored secret of ${context} is not in a format this cannectors reads (${version ?? "?"})`, {
      context,
    });
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", derive(key, salt), iv);
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new CannectorsError(
      ErrorCodes.STATE_KEY,
      `cannot decrypt the stored refresh token of ${context}: the state key (${key.source}) is not the one it was stored with; use that key, or run \`cannectors auth login ${context}\` again`,
      { cause: error, details: { context, source: key.source } },
    );
  }
}
