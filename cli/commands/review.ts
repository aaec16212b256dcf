import { writeFileSync } from "node:fs";
import { renderMarkdown } from "../../app/review/markdown";
import { buildReview } from "../../app/review/review";
import { Io, UsageError, parseArgs } from "../io";

export const usage =
  "private-eks review [--dir <cdktf.out>] [--out review.md] [--base <another cdktf.out>] [--plan <terraform show -json output>...] [--plan-log <terraform plan console output>...] [--fail-on blocking] [--format markdown|json]";

/** The pull-request review, from synthesized JSON (and plans) only: no AWS access. Exit 2 on a blocking finding with --fail-on blocking. */
export function reviewCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, {
    values: ["dir", "out", "base", "plan", "plan-log", "fail-on", "format"],
    repeatable: ["plan", "plan-log"],
  });
  if (args.positional.length)
    throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[0])}; name directories with --dir and --base`);
  const format = args.values.format?.[0] ?? "markdown";
  if (format !== "markdown" && format !== "json") throw new UsageError(`--format ${JSON.stringify(format)}: use markdown or json`);
  const failOn = args.values["fail-on"]?.[0];
  if (failOn !== undefined && failOn !== "blocking")
    throw new UsageError(`--fail-on ${JSON.stringify(failOn)}: the only level is blocking`);
  const dir = args.values.dir?.[0] ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const review = buildReview({ dir, base: args.values.base?.[0], plans: args.values.plan, planLogs: args.values["plan-log"] });
  const text = format === "json" ? JSON.stringify(review, null, 2) + "\n" : renderMarkdown(review);
  const out = args.values.out?.[0];
  if (out) writeFileSync(out, text);
  else io.out(text);
  if (review.blocking) io.err(`private-eks review: ${review.blocking} blocking finding${review.blocking === 1 ? "" : "s"}\n`);
  return failOn === "blocking" && review.blocking > 0 ? 2 : 0;
}
