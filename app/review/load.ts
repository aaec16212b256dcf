import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ValidationError } from "../../core/problems";

/** A stack's synthesized Terraform JSON (cdk.tf.json). */
export type StackJson = {
  resource?: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
  terraform?: any;
  provider?: any;
  locals?: Record<string, any>;
};

/** The stacks of one environment, as synthesized. */
export interface SynthesizedEnvironment {
  readonly name: string;
  readonly cluster?: StackJson;
  readonly inCluster?: StackJson;
}

/** One environment's stacks in a synthesized directory, by stack id. */
export interface EnvironmentStacks {
  readonly name: string;
  readonly clusterStack?: string;
  readonly inClusterStack?: string;
}

/**
 * The environments a synthesized directory holds, read from its manifest: the one way the review
 * and both workflows (through `private-eks environments`) discover them. A stack's content tells
 * its kind (an environment's own name may end in "-in"); `flag` names the option the directory
 * came from, for errors.
 */
export function synthesizedEnvironments(
  dir: string,
  flag: "--dir" | "--base" = "--dir",
): Array<EnvironmentStacks & SynthesizedEnvironment> {
  const manifestFile = join(dir, "manifest.json");
  if (!existsSync(manifestFile)) {
    throw new ValidationError(
      flag === "--base"
        ? `--base ${dir}: no manifest.json here; synthesize the base branch into it first (CDKTF_OUTDIR=${dir} npm run synth in a checkout of the base)`
        : `${dir}: no manifest.json here; run npm run synth (or npx cdktf synth) first, or point --dir at a cdktf.out directory`,
    );
  }
  let manifest: { stacks?: Record<string, { synthesizedStackPath?: string }> };
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  } catch (e) {
    throw new ValidationError(`${manifestFile}: is not JSON (${(e as Error).message}); synthesize again`);
  }
  const byEnv = new Map<string, { clusterStack?: string; inClusterStack?: string; cluster?: StackJson; inCluster?: StackJson }>();
  for (const [id, stack] of Object.entries(manifest?.stacks ?? {})) {
    const json = readStack(dir, id, stack.synthesizedStackPath ?? join("stacks", id, "cdk.tf.json"), flag);
    const kind = json.provider?.kubernetes ? "in-cluster" : "cluster";
    if (!id.endsWith(`-${kind}`)) continue;
    const name = id.slice(0, -(kind.length + 1));
    const entry = byEnv.get(name) ?? {};
    if (kind === "cluster") Object.assign(entry, { clusterStack: id, cluster: json });
    else Object.assign(entry, { inClusterStack: id, inCluster: json });
    byEnv.set(name, entry);
  }
  return [...byEnv.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, e]) => ({ name, ...e }));
}

/** One stack's JSON, or an error naming the directory, the stack and the fix. */
function readStack(dir: string, id: string, path: string, flag: "--dir" | "--base"): StackJson {
  const file = join(dir, path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ValidationError(
      `${flag} ${dir}: manifest.json lists stack ${id} but ${file} cannot be read (${(e as NodeJS.ErrnoException).code}); synthesize into it again`,
    );
  }
  try {
    return JSON.parse(text) as StackJson;
  } catch (e) {
    throw new ValidationError(`${flag} ${dir}: ${file} (stack ${id}) is not JSON (${(e as Error).message}); synthesize into it again`);
  }
}

/** Reads every stack of every environment in a synthesized directory. */
export const readSynthesized = synthesizedEnvironments;

/** Reads `terraform show -json` output. */
export function readPlan(file: string): any {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ValidationError(
      `${file}: cannot be read (${(e as NodeJS.ErrnoException).code}); pass the output of terraform show -json <planfile>`,
    );
  }
  // Never suggest a command that writes to `file`: it is the user's input.
  const notAPlan = (why: string) =>
    new ValidationError(
      `${file}: is not terraform show -json output of a plan (${why}); pass the output of terraform show -json <planfile>, saved to a new file`,
    );
  let plan: any;
  try {
    plan = JSON.parse(text);
  } catch (e) {
    throw notAPlan((e as Error).message);
  }
  if (typeof plan !== "object" || plan === null || Array.isArray(plan))
    throw notAPlan(`a JSON ${plan === null ? "null" : Array.isArray(plan) ? "array" : typeof plan}, not an object`);
  if (!Array.isArray(plan.resource_changes) && !plan.planned_values) throw notAPlan("no resource_changes");
  return plan;
}
