/**
 * The few prompts the interactive commands ask, as an interface: the CLI passes @clack/prompts
 * (drawn on stderr, so stdout stays for data), the tests pass scripted answers.
 */
export interface Choice<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

export interface Prompter {
  /** The chosen value, or undefined when the user cancelled (Ctrl-C, Esc). */
  select<V extends string>(message: string, choices: Choice<V>[]): Promise<V | undefined>;
  /** Like select, for long lists: typing filters them. */
  search<V extends string>(message: string, choices: Choice<V>[]): Promise<V | undefined>;
  /** The typed text; undefined when cancelled. `validate` returns an error message for bad input. */
  text(
    message: string,
    options?: { placeholder?: string; validate?: (value: string) => string | undefined },
  ): Promise<string | undefined>;
  /** A line of information between prompts. */
  info(message: string): void;
}

/** @clack/prompts on stderr; loaded on use, since only an interactive session needs it. */
export async function clackPrompter(): Promise<Prompter> {
  const clack = await import("@clack/prompts");
  const output = process.stderr;
  return {
    async select<V extends string>(message: string, choices: Choice<V>[]): Promise<V | undefined> {
      // clack's Option<V> is a conditional type a generic V cannot resolve; a Choice is one of its branches.
      const options = choices as unknown as Parameters<typeof clack.select<V>>[0]["options"];
      const answer = await clack.select({ message, options, output, maxItems: 12 });
      return clack.isCancel(answer) ? undefined : answer;
    },
    async search<V extends string>(message: string, choices: Choice<V>[]): Promise<V | undefined> {
      const options = choices as unknown as Parameters<typeof clack.autocomplete<V>>[0]["options"];
      const answer = await clack.autocomplete({
        message,
        options,
        output,
        maxItems: 12,
        placeholder: "type to filter",
      });
      return clack.isCancel(answer) ? undefined : answer;
    },
    async text(message, options = {}) {
      const answer = await clack.text({
        message,
        output,
        ...(options.placeholder ? { placeholder: options.placeholder } : {}),
        ...(options.validate ? { validate: (value) => options.validate?.(value ?? "") } : {}),
      });
      return clack.isCancel(answer) ? undefined : answer;
    },
    info(message) {
      clack.log.info(message, { output });
    },
  };
}
