import { type StateKey, type StateStore, seal, unseal } from "../state/index.js";

/** A connector's refresh tokens in clear for the authenticator, sealed in the state store. */
export interface RefreshTokenVault {
  readonly kind: "refreshTokenVault";
  /** The connector the tokens belong to (named in every error). */
  readonly connector: string;
  /** What `cannectors auth login` takes to authorize this connector again: its file. */
  readonly loginArgument: string;
  load(): Promise<{ current: string; previous: string | undefined } | undefined>;
  /** Login, or a fallback that worked: `token` alone. */
  replace(token: string): Promise<void>;
  /** A rotation: `token` becomes current, the current one is kept as previous until `confirm`. */
  rotate(token: string): Promise<void>;
  confirm(): Promise<void>;
}

/** Seals with `key`, binding each sealed token to `connector` (a row copied elsewhere does not open). */
export function refreshTokenVault(
  store: StateStore,
  key: StateKey,
  connector: string,
  loginArgument = connector,
): RefreshTokenVault {
  const now = () => new Date().toISOString();
  return {
    kind: "refreshTokenVault",
    connector,
    loginArgument,
    async load() {
      const stored = await store.refreshTokens.get(connector);
      if (!stored) return undefined;
      const current = unseal(key, stored.current, connector);
      const previous = stored.previous === null ? undefined : unseal(key, stored.previous, connector);
      return { current, previous };
    },
    replace: (token) => store.refreshTokens.replace(connector, seal(key, token, connector), now()),
    rotate: (token) => store.refreshTokens.rotate(connector, seal(key, token, connector), now()),
    confirm: () => store.refreshTokens.confirm(connector),
  };
}
