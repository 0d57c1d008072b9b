import os from "node:os";

export const thisHost = os.hostname();

/**
 * True when the process that wrote a row (a running execution, a lease) is gone. Only this host's
 * processes can be checked: another host's rows wait for their expiry (a lease) or stay as they are.
 */
export function ownerGone(pid: number | null, host: string | null): boolean {
  if (pid === null) return true;
  if (host !== thisHost) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code !== "EPERM";
  }
}
