import { CHANGE_KINDS, byImportance } from "./changes";
import { EnvironmentFacts } from "./facts";
import { Review } from "./review";

const cell = (s: unknown) =>
  String(s ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");
function table(header: string[], rows: unknown[][]): string[] {
  if (!rows.length) return ["_none_", ""];
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
    "",
  ];
}

/** The pull-request review as Markdown. */
export function renderMarkdown(review: Review): string {
  const out: string[] = ["# Private EKS review", ""];
  if (review.plan || review.changes || review.planLogs) {
    const where = [
      review.changes ? '"What changes"' : "",
      review.planLogs ? '"Plans that stopped"' : "",
      review.plan ? '"Deletions and replacements"' : "",
    ]
      .filter(Boolean)
      .join(", ");
    out.push(
      review.blocking
        ? `**BLOCKING: ${review.blocking} finding${review.blocking === 1 ? "" : "s"}** — see ${where}.`
        : "No blocking findings.",
      "",
    );
  }
  if (review.changes) {
    out.push("## What changes", "");
    const sorted = [...review.changes].sort(byImportance);
    if (!sorted.length) out.push("_No change to environments, infrastructure, access, exposure or pod roles._", "");
    for (const c of sorted)
      out.push(
        `- **${c.blocking && !CHANGE_KINDS[c.kind].startsWith("BLOCKING") ? `BLOCKING: ${CHANGE_KINDS[c.kind]}` : CHANGE_KINDS[c.kind]}** (${c.environment}): ${c.detail}`,
      );
    if (sorted.length) out.push("");
  }
  if (review.planLogs) {
    out.push("## Plans that stopped", "");
    for (const p of review.planLogs) {
      if (!p.findings.length) out.push(`- \`${p.file}\`: no protected resource refused`);
      for (const f of p.findings) {
        out.push(
          `- **BLOCKING** \`${f.address}\` is protected (prevent_destroy) and the plan in \`${p.file}\` stopped: "Instance cannot be destroyed". ${f.forcedBy ? `Forced by: ${f.forcedBy}` : "Run the review with --base to see which change forces it."}`,
        );
      }
    }
    out.push("");
  }
  if (review.plan) {
    out.push("## Deletions and replacements", "");
    for (const p of review.plan) {
      out.push(`From \`${p.file}\`:`, "");
      out.push(
        ...table(
          ["", "action", "resource", "why it matters", "forced by"],
          p.findings.map((f) => [
            f.blocking ? "**BLOCKING**" : "",
            f.action,
            `\`${f.address}\``,
            f.why ?? "",
            (f.replacePaths ?? []).join(", "),
          ]),
        ),
      );
    }
  }
  for (const env of review.environments) out.push(...environment(env, review.diagrams?.[env.name]));
  return out.join("\n");
}

function environment(e: EnvironmentFacts, diagram?: string): string[] {
  const out = [`## Environment \`${e.name}\`${e.clusterName ? ` (cluster \`${e.clusterName}\`)` : ""}`, ""];
  const exposure = e.endpoint.public
    ? `**public**${e.endpoint.private ? " and private" : ""} — reachable from ${e.endpoint.publicCidrs.join(", ") || "anywhere"}`
    : "private only (reach it through the bastion tunnel)";
  out.push(`- API endpoint: ${exposure}`, `- Authentication mode: ${e.authenticationMode ?? "?"}`, "");
  out.push("### Risk flags", "");
  out.push(...(e.risks.length ? [...e.risks.map((r) => `- \`${r.kind}\`: ${r.detail}`), ""] : ["_none_", ""]));
  if (diagram) out.push("### Access picture", "", "```mermaid", diagram, "```", "");
  out.push("### Access", "");
  out.push(
    ...table(
      ["principal", "type", "policy", "scope", "groups / username"],
      e.access.map((a) => [
        a.principal,
        a.type,
        a.policy ?? "",
        a.scope ?? "",
        [a.groups.join(", "), a.username].filter(Boolean).join(" / "),
      ]),
    ),
  );
  if (e.legacyAwsAuth.length) {
    out.push("### Legacy aws-auth mappings still kept", "");
    out.push(
      ...table(
        ["ARN", "username", "groups"],
        e.legacyAwsAuth.map((l) => [l.arn, l.username ?? "", l.groups.join(", ")]),
      ),
    );
  }
  out.push("### Pod roles", "");
  out.push(
    ...table(
      ["namespace/service account", "mechanism", "role", "attached", "inline actions"],
      e.podRoles.map((p) => [p.serviceAccount, p.mechanism, p.role, p.attached.join(", "), p.inline.join(", ")]),
    ),
  );
  out.push("### Security group ingress", "");
  out.push(
    ...table(
      ["security group", "ports", "source", "description"],
      e.ingress.map((r) => [r.securityGroup, r.ports, r.source, r.description ?? ""]),
    ),
  );
  out.push("### IAM statements with wildcard actions or resources", "");
  out.push(
    ...table(
      ["policy", "actions", "resources", "note"],
      e.wildcardStatements.map((w) => [w.policy, w.actions.join(", "), w.resources.join(", "), w.note ?? ""]),
    ),
  );
  return out;
}
