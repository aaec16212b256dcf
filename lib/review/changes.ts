import { AccessRow, EnvironmentFacts } from "./facts";

export interface Change {
  readonly environment: string;
  readonly kind: "grant-added" | "grant-removed" | "grant-widened" | "exposure" | "authentication-mode" | "pod-role-added" | "pod-role-removed" | "pod-role-changed" | "new-risk";
  readonly detail: string;
}

/** How much an access policy allows, to tell a widening from a narrowing. */
const POLICY_RANK: Record<string, number> = {
  AmazonEKSViewPolicy: 1,
  AmazonEKSAdminViewPolicy: 2,
  AmazonEKSSecretReaderPolicy: 2,
  AmazonEKSEditPolicy: 3,
  AmazonEKSAdminPolicy: 4,
  AmazonEKSClusterAdminPolicy: 5,
};
const rank = (policy?: string) => (policy ? POLICY_RANK[policy] ?? 3 : 0);

const describe = (r: AccessRow) => `${r.principal}: ${r.policy ?? `groups ${r.groups.join(", ") || "(none)"}`}${r.scope ? ` on ${r.scope}` : ""}`;

/** What a pull request changes, environment by environment: base → head. */
export function compare(base: readonly EnvironmentFacts[], head: readonly EnvironmentFacts[]): Change[] {
  const changes: Change[] = [];
  const baseByName = new Map(base.map((e) => [e.name, e]));
  for (const h of head) {
    const b = baseByName.get(h.name);
    const add = (kind: Change["kind"], detail: string) => changes.push({ environment: h.name, kind, detail });
    if (!b) {
      add("exposure", `new environment: endpoint ${exposure(h)}`);
      for (const r of h.access) add("grant-added", describe(r));
      for (const p of h.podRoles) add("pod-role-added", `${p.serviceAccount} → ${p.role} (${p.mechanism})`);
      continue;
    }
    if (exposure(b) !== exposure(h)) add("exposure", `endpoint ${exposure(b)} → ${exposure(h)}`);
    if (b.authenticationMode !== h.authenticationMode) add("authentication-mode", `${b.authenticationMode} → ${h.authenticationMode}`);
    accessChanges(b.access, h.access, add);
    const basePods = new Map(b.podRoles.map((p) => [p.serviceAccount, p]));
    for (const p of h.podRoles) {
      const old = basePods.get(p.serviceAccount);
      if (!old) add("pod-role-added", `${p.serviceAccount} → ${p.role} (${p.mechanism}${p.attached.length ? `; ${p.attached.join(", ")}` : ""})`);
      else {
        const gained = [...p.attached.filter((x) => !old.attached.includes(x)), ...p.inline.filter((x) => !old.inline.includes(x))];
        if (gained.length || old.role !== p.role || old.mechanism !== p.mechanism) {
          add("pod-role-changed", `${p.serviceAccount}: ${old.role} (${old.mechanism}) → ${p.role} (${p.mechanism})${gained.length ? `; gains ${gained.join(", ")}` : ""}`);
        }
      }
    }
    const headPods = new Set(h.podRoles.map((p) => p.serviceAccount));
    for (const p of b.podRoles) if (!headPods.has(p.serviceAccount)) add("pod-role-removed", `${p.serviceAccount} (was ${p.role})`);
    const baseRisks = new Set(b.risks.map((r) => `${r.kind}:${r.detail}`));
    for (const r of h.risks) if (!baseRisks.has(`${r.kind}:${r.detail}`)) add("new-risk", `${r.kind}: ${r.detail}`);
  }
  return changes;
}

function exposure(e: EnvironmentFacts): string {
  if (!e.endpoint.public) return "private";
  return `${e.endpoint.private ? "public-and-private" : "public"} (${e.endpoint.publicCidrs.join(", ") || "no CIDRs"})`;
}

function accessChanges(base: readonly AccessRow[], head: readonly AccessRow[], add: (kind: Change["kind"], detail: string) => void): void {
  const key = (r: AccessRow) => `${r.key}|${r.policy ?? ""}`;
  const baseRows = new Map(base.map((r) => [key(r), r]));
  const headRows = new Map(head.map((r) => [key(r), r]));
  const maxRank = (rows: readonly AccessRow[], entry: string) => Math.max(0, ...rows.filter((r) => r.key === entry).map((r) => rank(r.policy)));
  for (const [k, r] of headRows) {
    const old = baseRows.get(k);
    if (!old) {
      const before = base.filter((x) => x.key === r.key);
      if (before.length && rank(r.policy) > maxRank(base, r.key)) {
        add("grant-widened", `${r.principal}: ${before.map((x) => x.policy).filter(Boolean).join(", ") || "groups only"} → ${r.policy}${r.scope ? ` on ${r.scope}` : ""}`);
      } else add("grant-added", describe(r));
    } else if (old.scope !== r.scope && old.scope?.startsWith("namespaces") && r.scope === "cluster") {
      add("grant-widened", `${r.principal}: ${r.policy} from ${old.scope} → the whole cluster`);
    } else if (old.scope !== r.scope && old.scope?.startsWith("namespaces") && r.scope?.startsWith("namespaces")) {
      const oldNs = old.scope.replace("namespaces ", "").split(", ");
      const gained = r.scope.replace("namespaces ", "").split(", ").filter((n) => !oldNs.includes(n));
      if (gained.length) add("grant-widened", `${r.principal}: ${r.policy} gains namespaces ${gained.join(", ")}`);
    } else if (JSON.stringify(old.groups) !== JSON.stringify(r.groups) || old.username !== r.username) {
      add("grant-added", `${r.principal}: groups ${old.groups.join(", ") || "(none)"} → ${r.groups.join(", ") || "(none)"}${old.username !== r.username ? `, username ${old.username ?? "(generated)"} → ${r.username ?? "(generated)"}` : ""}`);
    }
  }
  for (const [k, r] of baseRows) if (!headRows.has(k)) add("grant-removed", describe(r));
}
