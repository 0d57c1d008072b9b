import { spawn, spawnSync } from "node:child_process";

/** `script` (util-linux) gives the CLI a real pseudo-terminal, so @clack/prompts runs as it does for a user. */
export const hasScript = spawnSync("script", ["--version"]).status === 0;

/** A command on a 120×40 pseudo-terminal: wait for what it draws, type keys, read its exit code. */
export function startTerminal(command: string, cwd: string) {
  const child = spawn("script", ["-qfec", `stty cols 120 rows 40; exec ${command}`, "/dev/null"], {
    cwd,
    env: { PATH: process.env.PATH, TERM: "xterm-256color", NO_COLOR: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let seen = "";
  let searchedUpTo = 0;
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    seen += chunk.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    exit,
    output: () => seen,
    type: (keys: string) => child.stdin.write(keys),
    kill: () => child.kill("SIGKILL"),
    /** Resolves once `text` appears after what the previous wait consumed (the prompt is drawn and listening). */
    waitFor(text: string, timeoutMs = 15_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${JSON.stringify(text)}; terminal so far:\n${seen}`));
        }, timeoutMs);
        function check() {
          const at = seen.indexOf(text, searchedUpTo);
          if (at < 0) return;
          searchedUpTo = at + text.length;
          listeners.delete(check);
          clearTimeout(timer);
          // The frame is written before the keypress listener is armed; give it a tick.
          setTimeout(resolve, 150);
        }
        listeners.add(check);
        check();
      });
    },
  };
}
