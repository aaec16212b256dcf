import { Change, compare } from "./changes";
import { EnvironmentFacts, environmentFacts } from "./facts";
import { readPlan, readSynthesized } from "./load";
import { PlanFinding, planFindings } from "./plan";

/** The whole review: what `--format json` prints and the markdown renders. */
export interface Review {
  readonly dir: string;
  readonly base?: string;
  /** Present with --base: what the change does, first. */
  readonly changes?: Change[];
  /** Present with --plan: deletions and replacements, by plan file. */
  readonly plan?: Array<{ file: string; findings: PlanFinding[] }>;
  readonly environments: EnvironmentFacts[];
  readonly blocking: number;
}

export function buildReview(opts: { dir: string; base?: string; plans?: string[] }): Review {
  const environments = readSynthesized(opts.dir).map(environmentFacts);
  const changes = opts.base ? compare(readSynthesized(opts.base, "--base").map(environmentFacts), environments) : undefined;
  const plan = opts.plans?.map((file) => ({ file, findings: planFindings(readPlan(file)) }));
  const blocking = (changes ?? []).filter((c) => c.blocking).length + (plan ?? []).reduce((n, p) => n + p.findings.filter((f) => f.blocking).length, 0);
  return { dir: opts.dir, base: opts.base, changes, plan, environments, blocking };
}
