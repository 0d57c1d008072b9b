import type { Command } from "commander";
import { acquireRunLease } from "../../runtime/engine/run-lease.js";
import { describeError } from "../../runtime/errors/index.js";
import { openState, type StateStore } from "../../runtime/state/index.js";
import { type NamedConnector, resolveConnectorArgument } from "../connector-argument.js";
import { resolveStatePath } from "../state-path.js";
import { EXIT, failureExitCode } from "../terminal.js";

interface CursorFlags {
  state?: string;
  json?: boolean;
}

/** A manual change waits for no run: it takes the lease for an instant, as a run would. */
const LEASE_TTL_MS = 10_000;

/**
 * `cannectors cursor show|set|reset CONNECTOR`: the incremental cursor of a connector, for a
 * controlled re-sync. CONNECTOR is the artifact file (its name and cursor field come from it) or the
 * connector's name. `set` and `reset` take the connector's lease, so they never race a run.
 */
export function registerCursorCommand(program: Command): void {
  const cursor = program
    .command("cursor")
    .description("show, set or reset a connector's incremental cursor (for a controlled re-sync)");
  const common = (command: Command) =>
    command
      .argument("<connector>", "connector file, or the connector's name")
      .option("--state <path>", "state database (default .cannectors/state.db, or $CANNECTORS_STATE)")
      .option("--json", "print JSON on stdout");

  common(cursor.command("show").description("the saved cursor: value, when, and which execution wrote it")).action(
    async (arg: string, flags: CursorFlags) => {
      process.exitCode = await withConnector(arg, flags, async (store, connector) => {
        const info = (await store.getCursorInfo(connector.name)) ?? null;
        if (flags.json) process.stdout.write(`${JSON.stringify({ connector: connector.name, cursor: info })}\n`);
        else if (!info)
          process.stdout.write(`${connector.name}: no cursor saved (the next run reads from the start)\n`);
        else {
          const by = info.executionId ? `execution ${info.executionId}` : "cannectors cursor set";
          process.stdout.write(`${connector.name}: ${info.value}  (saved ${info.updatedAt} by ${by})\n`);
        }
        return EXIT.ok;
      });
    },
  );

  common(
    cursor
      .command("set")
      .description("save VALUE as the cursor: the next run reads records after it")
      .argument("<value>", "the cursor value, as the source's incremental parameter takes it"),
  ).action(async (arg: string, value: string, flags: CursorFlags) => {
    process.exitCode = await change(
      arg,
      flags,
      (store, name, token) => store.setCursor(name, value, null, token),
      value,
    );
  });

  common(cursor.command("reset").description("forget the cursor: the next run reads every record again")).action(
    async (arg: string, flags: CursorFlags) => {
      process.exitCode = await change(arg, flags, (store, name, token) => store.deleteCursor(name, token), null);
    },
  );
}

async function change(
  arg: string,
  flags: CursorFlags,
  write: (store: StateStore, name: string, leaseToken: string) => Promise<void>,
  next: string | null,
): Promise<number> {
  return withConnector(arg, flags, async (store, connector) => {
    if (connector.incremental === false) {
      process.stderr.write(`${connector.file}: ${connector.name} has no incremental cursor (input.incremental)\n`);
      return EXIT.invalid;
    }
    const lease = await acquireRunLease(store, connector.name, LEASE_TTL_MS);
    try {
      const before = (await store.getCursorInfo(connector.name))?.value ?? null;
      await write(store, connector.name, lease.token);
      if (flags.json) process.stdout.write(`${JSON.stringify({ connector: connector.name, before, after: next })}\n`);
      else
        process.stdout.write(
          `${connector.name}: cursor ${before ?? "(none)"} → ${next ?? "(none): the next run reads from the start"}\n`,
        );
      return EXIT.ok;
    } finally {
      await lease.release();
    }
  });
}

async function withConnector(
  arg: string,
  flags: CursorFlags,
  act: (store: StateStore, connector: NamedConnector) => Promise<number>,
): Promise<number> {
  const connector = await resolveConnectorArgument(arg);
  if (typeof connector === "number") return connector;
  let store: StateStore | undefined;
  try {
    store = await openState(resolveStatePath(flags.state));
    return await act(store, connector);
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return failureExitCode(error);
  } finally {
    await store?.close().catch(() => undefined);
  }
}
