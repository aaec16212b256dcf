import { App } from "cdktf";
import { addEnvironment } from "../stacks/environment";
import { environmentFiles, loadEnvironments } from "./config/load";

export interface SynthesizeOptions {
  /** Environment files; default: every `*.yaml` in `configDir`. */
  readonly files?: readonly string[];
  /** @default "config" */
  readonly configDir?: string;
  /** @default - cdktf's choice: `CDKTF_OUTDIR`, else `cdktf.out` */
  readonly outdir?: string;
}

/**
 * Validates every environment first and only then builds and writes the stacks: a config error
 * leaves the output directory exactly as it was.
 */
export function synthesize(options: SynthesizeOptions = {}): { outdir: string; stacks: string[]; notes: string[] } {
  const files = options.files ?? environmentFiles(options.configDir ?? "config");
  const environments = loadEnvironments(files);
  const app = new App({ outdir: options.outdir });
  const stacks: string[] = [];
  const notes = environments.flatMap((e) => e.notes);
  for (const { config } of environments) {
    const env = addEnvironment(app, config);
    stacks.push(...Object.values(env).flatMap((s) => (s ? [s.node.id] : [])));
  }
  app.synth();
  return { outdir: app.outdir, stacks, notes };
}
