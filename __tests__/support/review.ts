import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { EnvironmentFacts, environmentFacts } from "../../app/review/facts";
import { readSynthesized } from "../../app/review/load";
import { addEnvironment } from "../../stacks/environment";
import { devConfig, merge } from "./environment";

type Overrides = Record<string, unknown>;

/** Synthesizes environments (dev with overrides each) into a fresh cdktf.out, as `npm run synth` would. */
export function synthDir(...environments: Overrides[]): string {
  const outdir = mkdtempSync(join(tmpdir(), "private-eks-review-"));
  const app = new App({ outdir });
  for (const overrides of environments.length ? environments : [{}]) addEnvironment(app, devConfig(overrides));
  app.synth();
  return outdir;
}

/**
 * The facts of many variants of dev, synthesized in one app (one synth is much faster than many):
 * each variant gets its own environment name but keeps the cluster name `dev`, and its facts are
 * renamed back to `dev`, so each can be compared with the default as if it were the same
 * environment edited.
 */
export function devVariants(variants: Record<string, Overrides>): Record<string, EnvironmentFacts> {
  const names = Object.keys(variants);
  const dir = synthDir(...names.map((label, i) => ({ ...merge({ cluster: { name: "dev" } }, variants[label]), name: `v${i}` })));
  const facts = new Map(readSynthesized(dir).map((env) => [env.name, environmentFacts(env)]));
  return Object.fromEntries(names.map((label, i) => [label, { ...facts.get(`v${i}`)!, name: "dev" }]));
}
