import { Change, compare } from "./changes";
import { EnvironmentFacts, environmentFacts } from "./facts";
import { readPlan, readSynthesized } from "./load";
import { accessDiagram } from "./mermaid";
import { PlanFinding, planFindings } from "./plan";
import { ProtectedFinding, readPlanLog } from "./plan-log";

/** The whole review: what `--format json` prints and the markdown renders. */
export interface Review {
  readonly dir: string;
  readonly base?: string;
  /** Present with --base: what the change does, first. */
  readonly changes?: Change[];
  /** Present with --plan: deletions and replacements, by plan file. */
  readonly plan?: Array<{ file: string; findings: PlanFinding[] }>;
  /** Present with --plan-log: protected resources a plan refused to destroy, each BLOCKING. */
  readonly planLogs?: Array<{ file: string; findings: ProtectedFinding[] }>;
  readonly environments: EnvironmentFacts[];
  /** The access picture per environment (Mermaid), marked against the base when there is one. */
  readonly diagrams: Record<string, string>;
  readonly blocking: number;
}

export function buildReview(opts: { dir: string; base?: string; plans?: string[]; planLogs?: string[] }): Review {
  const environments = readSynthesized(opts.dir).map(environmentFacts);
  const baseEnvironments = opts.base ? readSynthesized(opts.base, "--base").map(environmentFacts) : undefined;
  const changes = baseEnvironments ? compare(baseEnvironments, environments) : undefined;
  const diagrams = Object.fromEntries(
    environments.map((e) => {
      const widened = (changes ?? [])
        .filter((c) => c.environment === e.name && (c.kind === "grant-widened" || c.kind === "bastion-access"))
        .map((c) => c.detail.split(": ")[0]);
      return [
        e.name,
        accessDiagram(
          e,
          baseEnvironments?.find((b) => b.name === e.name),
          widened,
        ),
      ];
    }),
  );
  const plan = opts.plans?.map((file) => ({ file, findings: planFindings(readPlan(file)) }));
  // The static diff names the change that forces each replacement the plan refused.
  const planLogs = opts.planLogs?.map((file) => ({
    file,
    findings: readPlanLog(file).map((f) => ({
      ...f,
      forcedBy: changes?.find((c) => c.kind === "protected-replaced" && c.detail.startsWith(`\`${f.address}\``))?.detail,
    })),
  }));
  const blocking =
    (changes ?? []).filter((c) => c.blocking).length +
    (plan ?? []).reduce((n, p) => n + p.findings.filter((f) => f.blocking).length, 0) +
    (planLogs ?? []).reduce((n, p) => n + p.findings.length, 0);
  return { dir: opts.dir, base: opts.base, changes, plan, planLogs, environments, diagrams, blocking };
}
