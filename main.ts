import { OutputError } from "./app/output-dir";
import { ValidationError } from "./core/problems";
import { synthesize } from "./app/synthesize";

/**
 * The cdktf app: synthesizes every environment in config/, or only PRIVATE_EKS_CONFIG.
 * User mistakes print as one line each, without a stack trace, and exit 1; so does an output
 * directory that cannot be written (the previous output stays as it was).
 */
try {
  const only = process.env.PRIVATE_EKS_CONFIG;
  const { outdir, stacks, notes } = synthesize({ files: only ? [only] : undefined });
  // stdout: the cdktf CLI prints an app's stderr as [ERROR], and a note is not an error.
  for (const note of notes) process.stdout.write(`note: ${note}\n`);
  process.stdout.write(`synthesized ${stacks.join(", ")} into ${outdir}\n`);
} catch (e) {
  if (e instanceof OutputError) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  } else if (e instanceof ValidationError) {
    const lines = e.message.split("\n");
    process.stderr.write(`${lines.join("\n")}\n${lines.length} problem${lines.length === 1 ? "" : "s"} found; nothing was synthesized.\n`);
    process.exitCode = 1;
  } else throw e;
}
