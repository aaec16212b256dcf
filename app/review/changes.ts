import { accessPolicyRank } from "../../modules/access/access-policies";
import { AccessRow, EnvironmentFacts } from "./facts";
import { infrastructureChanges } from "./infrastructure-changes";

/**
 * Every kind of change, in the order a reviewer reads them: BLOCKING first, then widenings
 * (⚠️), then the rest. The title is what the markdown shows.
 */
export const CHANGE_KINDS = {
  "protected-replaced": "BLOCKING: protected resource replaced",
  "cluster-replaced": "BLOCKING: cluster replaced",
  "cluster-version": "Kubernetes version",
  "vpc-cidr": "BLOCKING: VPC CIDR",
  "node-group-removed": "BLOCKING: node group removed",
  "environment-removed": "⚠️ environment removed",
  "grant-widened": "⚠️ grant widened",
  "bastion-access": "⚠️ bastion access",
  exposure: "⚠️ exposure",
  "public-cidrs-widened": "⚠️ public CIDRs widened",
  "wildcard-statement": "⚠️ wildcard IAM statement",
  "protect-off": "⚠️ protection off",
  "bastion-removed": "⚠️ bastion removed",
  "new-risk": "⚠️ new risk",
  "authentication-mode": "authentication mode",
  "node-group-replaced": "node group replaced",
  "node-group-renamed": "node group renamed",
  "node-group-rolled": "node group rolled",
  "node-group-added": "node group added",
  "node-group-updated": "node group updated",
  "environment-added": "environment added",
  "grant-added": "grant added",
  "pod-role-added": "pod role added",
  "pod-role-changed": "pod role changed",
  "grant-removed": "grant removed",
  "pod-role-removed": "pod role removed",
} as const;

export interface Change {
  readonly environment: string;
  readonly kind: keyof typeof CHANGE_KINDS;
  readonly detail: string;
  /** Stops the change: the review fails with --fail-on blocking. */
  readonly blocking?: boolean;
}

const ORDER = Object.keys(CHANGE_KINDS);
/** Blocking first, then by kind (the order of CHANGE_KINDS). */
export const byImportance = (a: Change, b: Change) =>
  Number(!!b.blocking) - Number(!!a.blocking) || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind);

/** How much a row allows: its policy's rank, 0 for groups only. */
const rank = (policy?: string) => (policy ? accessPolicyRank(policy) : 0);

const describe = (r: AccessRow) =>
  `${r.principal}: ${r.policy ?? `groups ${r.groups.join(", ") || "(none)"}`}${r.scope ? ` on ${r.scope}` : ""}`;

/** What a pull request changes, environment by environment: base → head. */
export function compare(base: readonly EnvironmentFacts[], head: readonly EnvironmentFacts[]): Change[] {
  const changes: Change[] = [];
  const baseByName = new Map(base.map((e) => [e.name, e]));
  const headNames = new Set(head.map((e) => e.name));
  for (const b of base) {
    if (!headNames.has(b.name)) {
      changes.push({
        environment: b.name,
        kind: "environment-removed",
        detail: `its stacks are no longer synthesized, so nothing deploys or reviews it any more; the cluster${b.clusterName ? ` ${b.clusterName}` : ""} keeps running and its state stays in the backend. Run cdktf destroy first if it should go.`,
      });
    }
  }
  for (const h of head) {
    const b = baseByName.get(h.name);
    const add = (kind: Change["kind"], detail: string, blocking?: boolean) =>
      changes.push({ environment: h.name, kind, detail, ...(blocking ? { blocking } : {}) });
    if (!b) {
      if (h.endpoint.public) add("exposure", `new environment: endpoint ${exposure(h)}`);
      else add("environment-added", `new environment, endpoint private only`);
      for (const r of h.access) add(r.bastion && r.policy ? "bastion-access" : "grant-added", bastionNote(r, describe(r)));
      for (const p of h.podRoles) add("pod-role-added", `${p.serviceAccount} → ${p.role} (${p.mechanism})`);
      for (const w of h.wildcardStatements) add("wildcard-statement", wildcard(w));
      continue;
    }
    exposureChanges(b, h, add);
    if (b.authenticationMode !== h.authenticationMode) add("authentication-mode", `${b.authenticationMode} → ${h.authenticationMode}`);
    infrastructureChanges(b, h, add);
    accessChanges(b.access, h.access, add);
    podRoleChanges(b, h, add);
    const baseWildcards = new Set(b.wildcardStatements.map(wildcard));
    for (const w of h.wildcardStatements) if (!baseWildcards.has(wildcard(w))) add("wildcard-statement", wildcard(w));
    const baseRisks = new Set(b.risks.map((r) => `${r.kind}:${r.detail}`));
    for (const r of h.risks)
      if (!baseRisks.has(`${r.kind}:${r.detail}`) && !SAID_BY_A_CHANGE.has(r.kind)) add("new-risk", `${r.kind}: ${r.detail}`);
  }
  return changes.sort(byImportance);
}

/** Risk flags whose appearance a change above already reports (exposure, protect-off). */
const SAID_BY_A_CHANGE = new Set(["public-endpoint", "unprotected"]);

const wildcard = (w: EnvironmentFacts["wildcardStatements"][number]) => `${w.policy}: ${w.actions.join(", ")} on ${w.resources.join(", ")}`;

function bastionNote(r: AccessRow, detail: string): string {
  return r.bastion && r.policy ? `${detail} — anyone allowed to start a Session Manager session on the bastion gets it` : detail;
}

function exposureChanges(b: EnvironmentFacts, h: EnvironmentFacts, add: (kind: Change["kind"], detail: string) => void): void {
  if (b.endpoint.public && h.endpoint.public && b.endpoint.private === h.endpoint.private) {
    const gained = h.endpoint.publicCidrs.filter((c) => !b.endpoint.publicCidrs.includes(c));
    if (gained.length) add("public-cidrs-widened", `the public API endpoint now also admits ${gained.join(", ")}`);
    else if (exposure(b) !== exposure(h)) add("exposure", `endpoint ${exposure(b)} → ${exposure(h)}`);
  } else if (exposure(b) !== exposure(h)) add("exposure", `endpoint ${exposure(b)} → ${exposure(h)}`);
}

function podRoleChanges(b: EnvironmentFacts, h: EnvironmentFacts, add: (kind: Change["kind"], detail: string) => void): void {
  const basePods = new Map(b.podRoles.map((p) => [p.serviceAccount, p]));
  for (const p of h.podRoles) {
    const old = basePods.get(p.serviceAccount);
    if (!old) {
      add("pod-role-added", `${p.serviceAccount} → ${p.role} (${p.mechanism}${p.attached.length ? `; ${p.attached.join(", ")}` : ""})`);
      continue;
    }
    const gained = [...p.attached.filter((x) => !old.attached.includes(x)), ...p.inline.filter((x) => !old.inline.includes(x))];
    const moved = old.role !== p.role || old.mechanism !== p.mechanism;
    if (!gained.length && !moved) continue;
    const who = moved ? `${old.role} (${old.mechanism}) → ${p.role} (${p.mechanism})` : `${p.role} (${p.mechanism})`;
    add("pod-role-changed", `${p.serviceAccount}: ${who}${gained.length ? `${moved ? ";" : ""} gains ${gained.join(", ")}` : ""}`);
  }
  const headPods = new Set(h.podRoles.map((p) => p.serviceAccount));
  for (const p of b.podRoles) if (!headPods.has(p.serviceAccount)) add("pod-role-removed", `${p.serviceAccount} (was ${p.role})`);
}

function exposure(e: EnvironmentFacts): string {
  if (!e.endpoint.public) return "private";
  return `${e.endpoint.private ? "public-and-private" : "public"} (${e.endpoint.publicCidrs.join(", ") || "no CIDRs"})`;
}

function accessChanges(base: readonly AccessRow[], head: readonly AccessRow[], add: (kind: Change["kind"], detail: string) => void): void {
  const grant = (r: AccessRow, kind: "grant-added" | "grant-widened", detail: string) =>
    add(r.bastion && r.policy ? "bastion-access" : kind, bastionNote(r, detail));
  const key = (r: AccessRow) => `${r.key}|${r.policy ?? ""}`;
  const baseRows = new Map(base.map((r) => [key(r), r]));
  const headRows = new Map(head.map((r) => [key(r), r]));
  const maxRank = (rows: readonly AccessRow[], entry: string) =>
    Math.max(0, ...rows.filter((r) => r.key === entry).map((r) => rank(r.policy)));
  for (const [k, r] of headRows) {
    const old = baseRows.get(k);
    if (!old) {
      const before = base.filter((x) => x.key === r.key);
      if (before.length && rank(r.policy) > maxRank(base, r.key)) {
        grant(
          r,
          "grant-widened",
          `${r.principal}: ${
            before
              .map((x) => x.policy)
              .filter(Boolean)
              .join(", ") || "groups only"
          } → ${r.policy}${r.scope ? ` on ${r.scope}` : ""}`,
        );
      } else grant(r, "grant-added", describe(r));
    } else if (old.scope !== r.scope && old.scope?.startsWith("namespaces") && r.scope === "cluster") {
      grant(r, "grant-widened", `${r.principal}: ${r.policy} from ${old.scope} → the whole cluster`);
    } else if (old.scope !== r.scope && old.scope?.startsWith("namespaces") && r.scope?.startsWith("namespaces")) {
      const oldNs = old.scope.replace("namespaces ", "").split(", ");
      const gained = r.scope
        .replace("namespaces ", "")
        .split(", ")
        .filter((n) => !oldNs.includes(n));
      if (gained.length) grant(r, "grant-widened", `${r.principal}: ${r.policy} gains namespaces ${gained.join(", ")}`);
    } else if (JSON.stringify(old.groups) !== JSON.stringify(r.groups) || old.username !== r.username) {
      add(
        "grant-added",
        `${r.principal}: groups ${old.groups.join(", ") || "(none)"} → ${r.groups.join(", ") || "(none)"}${old.username !== r.username ? `, username ${old.username ?? "(generated)"} → ${r.username ?? "(generated)"}` : ""}`,
      );
    }
  }
  for (const [k, r] of baseRows) if (!headRows.has(k)) add("grant-removed", describe(r));
}
