import { ConfigError, loadEnvironments } from "../../lib/config/load";
import { stackIds } from "../../stacks/stack-ids";
import { Io, UsageError } from "../io";

export const usage = "private-eks validate-config <file...>   check environment files; exit 1 listing every problem";

/** Validates environment files without synthesizing anything. Returns the exit code. */
export function validateConfig(argv: readonly string[], io: Io): number {
  if (argv.length === 0) throw new UsageError("name at least one environment file, e.g. private-eks validate-config config/dev.yaml");
  try {
    const loaded = loadEnvironments(argv);
    for (const env of loaded) {
      io.out(`${env.file}: ok (environment ${env.config.name}, stacks ${stackIds(env.config).join(", ")})\n`);
      for (const note of env.notes) io.err(`note: ${note}\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.err(`${e.lines.join("\n")}\n${e.lines.length} problem${e.lines.length === 1 ? "" : "s"} found.\n`);
    return 1;
  }
}
