import { EnvironmentFacts } from "./facts";

/** Past this many principals, principals are grouped by policy and scope (one node per group). */
export const GROUP_PRINCIPALS_OVER = 25;
/** Past this many service accounts, pod roles are grouped by namespace. */
export const GROUP_POD_ROLES_OVER = 25;

type Mark = "added" | "widened" | "removed" | undefined;
interface Graph {
  nodes: Map<string, string>;
  edges: Map<string, [string, string]>;
  notes: string[];
}

const label = (s: string) => s.replace(/"/g, "#quot;").replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));

/** Who reaches what: principals → access policies → scope; service accounts → pod roles → policies; the path to the API. */
function graph(e: EnvironmentFacts): Graph {
  const g: Graph = { nodes: new Map(), edges: new Map(), notes: [] };
  const node = (key: string, text: string) => g.nodes.set(key, text);
  const edge = (from: string, to: string) => g.edges.set(`${from}->${to}`, [from, to]);
  node(
    "api",
    e.endpoint.public ? `Kubernetes API (public${e.endpoint.private ? " and private" : ""} endpoint)` : "Kubernetes API (private endpoint)",
  );
  if (e.infrastructure.bastion) {
    node("operator", "operator");
    node("ssm", "Session Manager");
    node("bastion", "bastion");
    node("sg443", "cluster security group 443");
    for (const [a, b] of [
      ["operator", "ssm"],
      ["ssm", "bastion"],
      ["bastion", "sg443"],
      ["sg443", "api"],
    ])
      edge(a, b);
  }
  for (const cidr of e.endpoint.public ? e.endpoint.publicCidrs : []) {
    node(`cidr:${cidr}`, cidr);
    edge(`cidr:${cidr}`, "api");
  }
  const grouped = e.access.length > GROUP_PRINCIPALS_OVER;
  if (grouped) g.notes.push(`${e.access.length} grants: principals grouped by policy and scope`);
  const groups = new Map<string, number>();
  for (const a of e.access) {
    const policy = a.policy ?? `groups ${a.groups.join(", ") || "(none)"}`;
    const scope = a.scope ?? "cluster";
    node(`policy:${policy}`, policy);
    node(`scope:${scope}`, scope);
    edge(`policy:${policy}`, `scope:${scope}`);
    edge(`scope:${scope}`, "api");
    if (grouped) groups.set(`${policy}|${scope}`, (groups.get(`${policy}|${scope}`) ?? 0) + 1);
    else {
      node(`principal:${a.principal}`, a.principal);
      edge(`principal:${a.principal}`, `policy:${policy}`);
    }
  }
  for (const [key, count] of groups) {
    const [policy] = key.split("|");
    node(`principals:${key}`, `${count} principal${count === 1 ? "" : "s"}`);
    edge(`principals:${key}`, `policy:${policy}`);
  }
  const byNamespace = e.podRoles.length > GROUP_POD_ROLES_OVER;
  if (byNamespace) g.notes.push(`${e.podRoles.length} pod roles: grouped by namespace`);
  for (const p of e.podRoles) {
    const sa = byNamespace ? `namespace ${p.serviceAccount.split("/")[0]}` : p.serviceAccount;
    const role = byNamespace ? `roles in ${p.serviceAccount.split("/")[0]}` : `${p.role} (${p.mechanism})`;
    node(`sa:${sa}`, sa);
    node(`role:${role}`, role);
    edge(`sa:${sa}`, `role:${role}`);
    for (const policy of [...p.attached, ...(p.inline.length ? ["inline policy"] : [])]) {
      node(`iam:${policy}`, policy);
      edge(`role:${role}`, `iam:${policy}`);
    }
  }
  return g;
}

/**
 * The access picture of one environment as a Mermaid flowchart (GitHub renders it in the comment).
 * With a base: added nodes and edges marked, widened grants in a warning style, removed ones dashed.
 */
export function accessDiagram(head: EnvironmentFacts, base?: EnvironmentFacts, widenedPrincipals: readonly string[] = []): string {
  const h = graph(head);
  const b = base ? graph(base) : undefined;
  const ids = new Map<string, string>();
  const id = (key: string) => ids.get(key) ?? (ids.set(key, `n${ids.size}`), ids.get(key)!);
  const lines = ["flowchart LR"];
  for (const note of h.notes) lines.push(`  %% ${note}`);
  const marks: Array<[string, Mark]> = [];
  const allNodes = new Map([...(b?.nodes ?? []), ...h.nodes]);
  for (const [key, text] of allNodes) {
    const mark: Mark = !h.nodes.has(key)
      ? "removed"
      : widenedPrincipals.some((p) => key === `principal:${p}`)
        ? "widened"
        : b && !b.nodes.has(key)
          ? "added"
          : undefined;
    lines.push(`  ${id(key)}["${label(text)}${mark === "removed" ? " (removed)" : ""}"]`);
    if (mark) marks.push([id(key), mark]);
  }
  const linkStyles: Array<[number, Mark]> = [];
  let index = 0;
  for (const [key, [from, to]] of new Map([...(b?.edges ?? []), ...h.edges])) {
    const removed = !h.edges.has(key);
    const added = !!b && !b.edges.has(key);
    lines.push(`  ${id(from)} ${removed ? "-.->" : "-->"} ${id(to)}`);
    if (added) linkStyles.push([index, "added"]);
    index++;
  }
  if (marks.length || linkStyles.length) {
    lines.push(
      "  classDef added stroke:#1a7f37,stroke-width:3px",
      "  classDef widened fill:#fff8c5,stroke:#bf8700,stroke-width:3px",
      "  classDef removed stroke-dasharray:5 5,color:#6e7781",
    );
    for (const mark of ["added", "widened", "removed"] as const) {
      const members = marks.filter(([, m]) => m === mark).map(([n]) => n);
      if (members.length) lines.push(`  class ${members.join(",")} ${mark}`);
    }
    if (linkStyles.length) lines.push(`  linkStyle ${linkStyles.map(([i]) => i).join(",")} stroke:#1a7f37,stroke-width:3px`);
  }
  return lines.join("\n");
}
