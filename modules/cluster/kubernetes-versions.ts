/**
 * How a cluster's Kubernetes version may move: EKS upgrades the control plane one minor version at
 * a time and never downgrades (EKS user guide, "Update existing cluster to new Kubernetes version").
 * Pure: used by the config rules, the review's --base diff and its --plan reading alike.
 */

/** `"1.35"` → 35; undefined for anything that is not `1.<minor>`. */
export function minorOf(version: string | undefined): number | undefined {
  const m = /^1\.(\d+)$/.exec(version ?? "");
  return m ? Number(m[1]) : undefined;
}

export type VersionStep = "same" | "one-minor" | "skips-minors" | "downgrade" | "unknown";

/** What moving from one Kubernetes version to another is, in EKS's terms. */
export function versionStep(from: string | undefined, to: string | undefined): VersionStep {
  const a = minorOf(from);
  const b = minorOf(to);
  if (a === undefined || b === undefined) return from === to ? "same" : "unknown";
  if (a === b) return "same";
  if (b === a + 1) return "one-minor";
  return b > a ? "skips-minors" : "downgrade";
}

/**
 * Why EKS would refuse a version change, with the fix; undefined when EKS accepts it. The one
 * wording for this rule, wherever it is found.
 */
export function versionStepProblem(from: string | undefined, to: string | undefined): string | undefined {
  const step = versionStep(from, to);
  if (step === "skips-minors") {
    const next = `1.${(minorOf(from) as number) + 1}`;
    return `Kubernetes ${from} → ${to} skips a minor version: EKS upgrades one minor at a time and would fail mid-apply; upgrade to "${next}" first, apply, then continue`;
  }
  if (step === "downgrade") return `Kubernetes ${from} → ${to} is a downgrade: EKS cannot downgrade a cluster; keep "${from}" (or build a new environment on ${to})`;
  return undefined;
}
