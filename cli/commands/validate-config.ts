import { ConfigError, LoadedEnvironment, loadEnvironments } from "../../environment/load";
import { stackIds } from "../../environment/stack-ids";
import { Io, UsageError } from "../io";

export const usage =
  "private-eks validate-config [--require-remote-state] <file...|->   check environment files (- reads standard input); a line per file, exit 1 listing every problem; --require-remote-state (CI): a local backend is a problem too";

/**
 * Validates environment files without synthesizing anything. Every file gets its result: `ok` on
 * standard output for the good ones (also when another file fails), every problem on standard
 * error. Returns the exit code: 0 all valid, 1 any problem.
 */
export function validateConfig(argv: readonly string[], io: Io): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(`usage: ${usage}\n`);
    return 0;
  }
  const requireRemoteState = argv.includes("--require-remote-state");
  const files = argv.filter((a) => a !== "--require-remote-state");
  if (files.length === 0)
    throw new UsageError("name at least one environment file, e.g. private-eks validate-config config/dev.yaml (- reads standard input)");
  if (files.filter((a) => a === "-").length > 1) throw new UsageError("- (standard input) was named twice; name it once");
  let loaded: readonly LoadedEnvironment[];
  let problems: string[] = [];
  try {
    loaded = loadEnvironments(files, { requireRemoteState });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems = e.lines;
    loaded = e.loaded;
  }
  for (const env of loaded) {
    if (problems.some((line) => line.startsWith(`${env.file}: `))) continue;
    io.out(`${env.file}: ok (environment ${env.config.name}, stacks ${stackIds(env.config).join(", ")})\n`);
    for (const note of env.notes) io.err(`note: ${note}\n`);
  }
  if (!problems.length) return 0;
  io.err(`${problems.join("\n")}\n${problems.length} problem${problems.length === 1 ? "" : "s"} found.\n`);
  return 1;
}
