import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compare } from "../../../app/review/changes";
import { GROUP_PRINCIPALS_OVER, accessDiagram } from "../../../app/review/mermaid";
import { ROOT } from "../../support/environment";
import { mermaidParse } from "../../support/mermaid";
import { devVariants } from "../../support/review";

const v = devVariants({
  base: {},
  widened: {
    cluster: { endpoint: "public-and-private", publicAccessCidrs: ["203.0.113.0/24"] },
    accessEntries: [
      {
        principalARN: "arn:aws:iam::111122223333:user/kubernetes-developer",
        accessPolicies: [{ policyARN: "AmazonEKSAdminPolicy", accessScope: { type: "cluster" } }],
      },
    ],
    podRoles: [],
  },
  many: {
    accessEntries: Array.from({ length: GROUP_PRINCIPALS_OVER + 5 }, (_, i) => ({
      principalARN: `arn:aws:iam::111122223333:role/team-${i}`,
      accessPolicies: [
        { policyARN: i % 2 ? "AmazonEKSViewPolicy" : "AmazonEKSEditPolicy", accessScope: { type: "namespace", namespaces: ["app"] } },
      ],
    })),
  },
});

describe("the access picture (Mermaid)", () => {
  test("principals → policies → scope, service accounts → pod roles → policies, operator → Session Manager → bastion → 443 → private endpoint", () => {
    // GIVEN the default dev environment WHEN its access diagram is drawn THEN a left-to-right flowchart with the operator's path to the private endpoint
    // AND the developer's policy and namespace, and the pod role of app/s3-reader with its policy
    const d = accessDiagram(v.base);
    expect(d.split("\n")[0]).toBe("flowchart LR");
    for (const text of [
      "operator",
      "Session Manager",
      "bastion",
      "cluster security group 443",
      "Kubernetes API (private endpoint)",
      "AmazonEKSViewPolicy",
      "namespaces app",
      "app/s3-reader",
      "dev-app-s3-reader (podIdentity)",
      "AmazonS3ReadOnlyAccess",
    ]) {
      expect(d).toContain(`["${text}"]`);
    }
  });

  test("with a base: added marked, the widened grant in the warning style, removed dashed", () => {
    // GIVEN a head that opens the endpoint to a CIDR, widens the developer to cluster-wide AmazonEKSAdminPolicy and drops the pod roles
    // WHEN drawn against the base THEN the CIDR and policy are classed added, the developer widened, the pod role marked removed with a dashed edge
    const changes = compare([v.base], [v.widened]);
    const widened = changes.filter((c) => c.kind === "grant-widened").map((c) => c.detail.split(": ")[0]);
    const d = accessDiagram(v.widened, v.base, widened);
    const id = (text: string) => new RegExp(`  (n\\d+)\\["${text.replace(/[()]/g, "\\$&")}"\\]`).exec(d)?.[1];
    expect(d).toContain(`class ${id("203.0.113.0/24")},${id("AmazonEKSAdminPolicy")} added`.replace(/,undefined/g, ""));
    expect(d).toContain(`class ${id("arn:aws:iam::111122223333:user/kubernetes-developer")} widened`);
    expect(d).toContain(`${id("app/s3-reader (removed)")}`);
    expect(d).toMatch(/ -\.-> /);
  });

  test(`more than ${GROUP_PRINCIPALS_OVER} principals are grouped by policy and scope, and the diagram says so`, () => {
    // GIVEN more teams with access entries than the grouping threshold WHEN drawn
    // THEN a comment says the grants are grouped by policy and scope, a group node counts 15 principals, and no team is named
    const d = accessDiagram(v.many);
    // (the teams, plus whatever access the default gives: the bastion's entry, when it has one)
    expect(v.many.access.length).toBeGreaterThanOrEqual(GROUP_PRINCIPALS_OVER + 5);
    expect(d).toContain(`%% ${v.many.access.length} grants: principals grouped by policy and scope`);
    expect(d).toContain('["15 principals"]');
    expect(d).not.toContain("team-3");
  });

  test("every diagram the review writes parses with Mermaid's own parser (and a broken one does not)", () => {
    // GIVEN the default, widened and grouped diagrams, and the diagram in the README's review excerpt (the same as the default's)
    // WHEN parsed by Mermaid THEN all four are flowcharts, and a broken diagram fails with a parse error on its line
    const diagrams = [
      accessDiagram(v.base),
      accessDiagram(v.widened, v.base, ["arn:aws:iam::111122223333:user/kubernetes-developer"]),
      accessDiagram(v.many, v.base),
    ];
    // The README excerpt is the real review of config/dev.yaml (its own test keeps it so): its diagram too.
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const embedded = /<!-- review-excerpt:start -->[\s\S]*?```mermaid\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(embedded).toBe(accessDiagram(v.base));
    const results = mermaidParse([...diagrams, embedded!, "flowchart LR\n  a --> --> b"]);
    expect(results.slice(0, 4)).toEqual(Array(4).fill({ ok: true, type: "flowchart-v2" }));
    expect(results[4]).toMatchObject({ ok: false, error: expect.stringContaining("Parse error on line 2") });
  });
});
