import { App } from "cdktf";
import { addEnvironment } from "../stacks/environment";
import { environmentFiles, loadEnvironments } from "../environment/load";
import { datedNotes } from "../environment/notes";
import { writeWhole } from "./output-dir";

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
 * leaves the output directory exactly as it was. The stacks are written into a staging directory
 * that replaces the output directory only once complete (see output-dir.ts), so the output
 * directory holds exactly what one synth produced — with `files` (PRIVATE_EKS_CONFIG), only those
 * environments' stacks, as its manifest lists them.
 */
export function synthesize(options: SynthesizeOptions = {}): { outdir: string; stacks: string[]; notes: string[] } {
  const files = options.files ?? environmentFiles(options.configDir ?? "config");
  const environments = loadEnvironments(files);
  // An empty CDKTF_OUTDIR is unset (it would name the working directory).
  const outdir = options.outdir || process.env.CDKTF_OUTDIR || "cdktf.out";
  const stacks: string[] = [];
  const notes = environments.flatMap((e) => [...e.notes, ...datedNotes(e.config).map((n) => `${e.file}: ${n}`)]);
  writeWhole(outdir, (staging) => {
    const app = new App({ outdir: staging });
    for (const { config } of environments) {
      const env = addEnvironment(app, config);
      stacks.push(...Object.values(env).flatMap((s) => (s ? [s.node.id] : [])));
    }
    app.synth();
  });
  return { outdir, stacks, notes };
}
