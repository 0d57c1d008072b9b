import pc from "picocolors";

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return (
    Boolean(stream.isTTY) && !("NO_COLOR" in process.env && process.env.NO_COLOR !== "") && process.env.TERM !== "dumb"
  );
}

export function painter(enabled: boolean) {
  return pc.createColors(enabled);
}

export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;
