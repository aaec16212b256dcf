import { ReadInputOptions, readInputFile } from "../core/input-file";
import { ValidationError } from "../core/problems";

/** What a command writes; commands never call process.exit themselves, so they are testable in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /**
   * Reads a file, or standard input for "-", as UTF-8 text; anything else (a pipe, a device, too
   * large, not UTF-8, a symlink loop) throws InputFileError naming the file and the fix.
   */
  read(file: string, options?: ReadInputOptions): string;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  read: (file, options) => readInputFile(file, { acceptsStdin: true, ...options }),
};

/** A mistake in how a command was called: printed with the usage, exit 1. */
export class UsageError extends ValidationError {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Splits argv into flags (`--x value`, `--flag`) and positional arguments. */
export function parseArgs(
  argv: readonly string[],
  spec: { values?: readonly string[]; flags?: readonly string[]; repeatable?: readonly string[] },
): { positional: string[]; values: Record<string, string[]>; flags: Set<string> } {
  const positional: string[] = [];
  const values: Record<string, string[]> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (spec.flags?.includes(name)) {
      flags.add(name);
    } else if (spec.values?.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (values[name] && !spec.repeatable?.includes(name)) throw new UsageError(`--${name} was given twice; give it once`);
      (values[name] ??= []).push(value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positional, values, flags };
}
