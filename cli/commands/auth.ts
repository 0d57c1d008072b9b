import { spawn } from "node:child_process";
import type { Command } from "commander";
import type { Connector, OAuth2AuthorizationCodeAuth } from "../../runtime/artifact/index.js";
import { authorizationCodeLogin, refreshTokenVault } from "../../runtime/auth/index.js";
import { hasErrors } from "../../runtime/diagnostics/index.js";
import { allowedHostsOf } from "../../runtime/engine/hosts.js";
import { CannectorsError, describeError, ErrorCodes } from "../../runtime/errors/index.js";
import { createHttpClient } from "../../runtime/net/http-client.js";
import { createRedactor, resolveSecrets } from "../../runtime/secrets/index.js";
import { openState, type StateStore, stateKeyFrom } from "../../runtime/state/index.js";
import type { LoadedArtifact } from "../../runtime/validate/index.js";
import { loadConnectorFiles } from "../connector-files.js";
import { ENV_FILE_HELP, loadEnvironment } from "../env-file.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { resolveStatePath } from "../state-path.js";
import { outputLeaves } from "../../runtime/modules/catalogue.js";
import { EXIT, EXIT_CODES_HELP, failureExitCode } from "../terminal.js";

interface LoginFlags {
  state?: string;
  stateKeyFile?: string;
  envFile?: string;
  connector?: string;
  open?: boolean;
  timeout?: number;
}

/**
 * `cannectors auth login FILE`: the one browser step of an oauth2AuthorizationCode connector. It
 * prints the authorization URL (opens a browser only with --open), waits on a loopback redirect,
 * exchanges the code with the PKCE verifier and stores the refresh token, encrypted, in the state
 * store. `cannectors auth logout FILE` forgets it.
 */
export function registerAuthCommand(program: Command): void {
  const auth = program.command("auth").description("authorize a connector whose API uses OAuth2 authorization code");
  auth
    .command("login")
    .description("run the browser sign-in once and store the refresh token, encrypted, in the state store")
    .argument("<file>", "connector YAML file, or a TypeScript connector")
    .option("--connector <name>", "the connector, when the TypeScript file exports several")
    .option("--open", "open the authorization URL in the default browser as well as printing it")
    .option("--timeout <seconds>", "how long to wait for the browser (default 300)", (v) => Number(v))
    .option("--state <path>", "state database (default .cannectors/state.db, or $CANNECTORS_STATE)")
    .option("--state-key-file <file>", "file holding the key that encrypts tokens (default $CANNECTORS_STATE_KEY)")
    .option("--env-file <file>", ENV_FILE_HELP)
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (file: string, flags: LoginFlags) => {
      process.exitCode = await login(file, flags);
    });
  auth
    .command("logout")
    .description("forget the stored refresh token: the next run needs `cannectors auth login` again")
    .argument("<file>", "connector YAML file, or a TypeScript connector")
    .option("--connector <name>", "the connector, when the TypeScript file exports several")
    .option("--state <path>", "state database (default .cannectors/state.db, or $CANNECTORS_STATE)")
    .option("--env-file <file>", ENV_FILE_HELP)
    .action(async (file: string, flags: LoginFlags) => {
      process.exitCode = await logout(file, flags);
    });
}

/** The environment (with --env-file) and the one connector of `file`; the exit code after reporting why not. */
async function loadArtifact(
  file: string,
  flags: LoginFlags,
): Promise<{ artifact: LoadedArtifact; env: Record<string, string | undefined> } | number> {
  const loaded = loadEnvironment(flags.envFile);
  if ("problem" in loaded) {
    reportDiagnostics([loaded.problem]);
    return EXIT.invalid;
  }
  const { env } = loaded;
  const entries = await loadConnectorFiles([file], { env });
  const picked =
    flags.connector === undefined
      ? entries
      : entries.filter((entry) => entry.result.artifact?.connector.metadata.name === flags.connector);
  if (picked.length !== 1 || !picked[0]) {
    const names = entries.map((e) => e.result.artifact?.connector.metadata.name ?? "?").join(", ");
    process.stderr.write(`${file}: name one of its connectors with --connector (${names})\n`);
    return EXIT.invalid;
  }
  const { result } = picked[0];
  if (hasErrors(result.diagnostics) || !result.artifact) {
    reportDiagnostics(result.diagnostics);
    return EXIT.invalid;
  }
  return { artifact: result.artifact, env };
}

function authorizationCodeAuthOf(connector: Connector): OAuth2AuthorizationCodeAuth | undefined {
  // A routes, fanout or fallback output: any HTTP output it holds may use it.
  for (const module of [connector.input, ...outputLeaves(connector.output)]) {
    if ("auth" in module && module.auth?.type === "oauth2AuthorizationCode") return module.auth;
  }
  return undefined;
}

async function login(file: string, flags: LoginFlags): Promise<number> {
  const loaded = await loadArtifact(file, flags);
  if (typeof loaded === "number") return loaded;
  const { artifact, env } = loaded;
  const name = artifact.connector.metadata.name;
  const written = authorizationCodeAuthOf(artifact.connector);
  if (!written) {
    process.stderr.write(`${file}: ${name} has no oauth2AuthorizationCode auth: nothing to log in to\n`);
    return EXIT.invalid;
  }
  // Secrets and the state key are checked before the browser, the network or the state.
  const resolved = resolveSecrets(written, env);
  if (resolved.missing.length > 0) {
    process.stderr.write(`${file}: unresolved references: ${resolved.missing.map((ref) => ref.raw).join(", ")}\n`);
    return EXIT.invalid;
  }
  const redactor = createRedactor(resolved.secrets);
  let store: StateStore | undefined;
  const client = createHttpClient({
    allowedHosts: allowedHostsOf(artifact.connector),
    allowLinkLocal: artifact.connector.settings.network.allowPrivateLinkLocal,
    connectTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    redactor,
  });
  try {
    const key = stateKeyFrom(env, flags.stateKeyFile);
    store = await openState(resolveStatePath(flags.state));
    const result = await authorizationCodeLogin(resolved.value, {
      client,
      redactor,
      timeoutMs: (flags.timeout ?? 300) * 1000,
      onAuthorizationUrl: (url) => {
        process.stdout.write(`Open this URL to authorize ${name}:\n\n  ${url}\n\nWaiting for the browser...\n`);
        if (flags.open) openBrowser(url);
      },
    });
    await refreshTokenVault(store, key, name, file).replace(result.refreshToken);
    process.stdout.write(`${name}: authorized; the refresh token is stored encrypted in ${store.path}\n`);
    return EXIT.ok;
  } catch (error) {
    process.stderr.write(`${file}: ${redactor.redact(describeError(error))}\n`);
    return failureExitCode(error);
  } finally {
    await client.close();
    await store?.close().catch(() => undefined);
  }
}

async function logout(file: string, flags: LoginFlags): Promise<number> {
  const loaded = await loadArtifact(file, flags);
  if (typeof loaded === "number") return loaded;
  const name = loaded.artifact.connector.metadata.name;
  let store: StateStore | undefined;
  try {
    store = await openState(resolveStatePath(flags.state));
    const removed = await store.refreshTokens.delete(name);
    process.stdout.write(removed ? `${name}: refresh token deleted\n` : `${name}: no refresh token was stored\n`);
    return EXIT.ok;
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return failureExitCode(error);
  } finally {
    await store?.close().catch(() => undefined);
  }
}

/** Best effort: a machine without a desktop still has the printed URL. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  try {
    const child = spawn(command, args as string[], { stdio: "ignore", detached: true });
    child.on("error", () => process.stderr.write("could not open a browser: open the URL above yourself\n"));
    child.unref();
  } catch {
    throw new CannectorsError(ErrorCodes.AUTH, "could not open a browser: open the URL above yourself");
  }
}
