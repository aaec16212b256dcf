import { synthesizedEnvironments } from "../../app/review/load";
import { Io, UsageError, parseArgs } from "../io";

export const usage = "private-eks environments [--dir <cdktf.out>] [--with in-cluster] [--format json|lines]";

/**
 * The environments a synthesized directory holds, from its manifest — how the workflows build their
 * matrices and the review finds environments, one way for all three. `--with in-cluster`: only those
 * with an `<name>-in-cluster` stack.
 */
export function environmentsCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { values: ["dir", "with", "format"] });
  if (args.positional.length)
    throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[0])}; name the directory with --dir`);
  const only = args.values.with?.[0];
  if (only !== undefined && only !== "in-cluster")
    throw new UsageError(`--with ${JSON.stringify(only)}: the only stack kind to filter on is in-cluster`);
  const format = args.values.format?.[0] ?? "json";
  if (format !== "json" && format !== "lines") throw new UsageError(`--format ${JSON.stringify(format)}: use json or lines`);
  const dir = args.values.dir?.[0] ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const names = synthesizedEnvironments(dir)
    .filter((e) => e.clusterStack && (only !== "in-cluster" || e.inClusterStack))
    .map((e) => e.name);
  io.out(format === "json" ? `${JSON.stringify(names)}\n` : names.map((n) => `${n}\n`).join(""));
  return 0;
}
