import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderMarkdown } from "../../../app/review/markdown";
import { buildReview } from "../../../app/review/review";
import { cli } from "../../support/cli";
import { ROOT } from "../../support/environment";
import { synthDir } from "../../support/review";
import { hasStackTrace, privateEks } from "../../support/run";

const DEVELOPER = "arn:aws:iam::111122223333:user/kubernetes-developer";

// The review on real moto plans is a day-2 test: __tests__/day2/review-plan.day2.test.ts.

/** The default environment, synthesized once; tests that read it share it, tests that spoil a directory synthesize their own. */
let dev: string;
beforeAll(() => {
  dev = synthDir();
});

describe("private-eks review", () => {
  test("the default config: exposure, mode, the access matrix, pod roles, ingress from the bastion, wildcards, flags (as a process)", () => {
    // GIVEN the default environment synthesized WHEN reviewed by the command, as CI runs it
    const r = privateEks(["review", "--dir", dev]);
    // THEN exit 0 and the review on stdout
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toContain("## Environment `dev` (cluster `dev`)");
    expect(md).toContain("- API endpoint: private only (reach it through the bastion tunnel)\n- Authentication mode: API");
    expect(md).toContain("| arn:aws:iam::111122223333:role/eks-admins | STANDARD | AmazonEKSClusterAdminPolicy | cluster |  |");
    // The bastion is only a tunnel by default: no access entry of its own.
    expect(md).not.toContain("| role dev-bastion (created by this stack) |");
    expect(md).toContain(`| ${DEVELOPER} | STANDARD | AmazonEKSViewPolicy | namespaces app |  |`);
    expect(md).toContain("| app/s3-reader | podIdentity | dev-app-s3-reader | AmazonS3ReadOnlyAccess |  |");
    expect(md).toContain("| EKS cluster security group | tcp 443 | security group dev-bastion | Kubernetes API from the SSM bastion |");
    expect(md).toContain("| bastion_describe-cluster | eks:ListClusters | * | these actions support no resource ARNs |");
    expect(md).toContain("- `cluster-admin`: arn:aws:iam::111122223333:role/eks-admins is cluster admin");
    expect(md).not.toContain("public-endpoint");
    expect(md).not.toContain("## What changes");
  });

  test("base → head: a widened grant and a public endpoint are called out first", () => {
    // GIVEN the default as base, and a head that widens a grant, opens the endpoint, adds an IRSA wildcard, raises the hop limit
    const base = dev;
    const head = synthDir({
      cluster: { endpoint: "public-and-private", publicAccessCidrs: ["0.0.0.0/0"], allowPublicInternet: true, protect: false },
      accessEntries: [
        { principalARN: DEVELOPER, accessPolicies: [{ policyARN: "AmazonEKSAdminPolicy", accessScope: { type: "cluster" } }] },
        { principalARN: "arn:aws:iam::111122223333:role/auditors", accessPolicies: [{ policyARN: "AmazonEKSViewPolicy" }] },
      ],
      podRoles: [
        { namespace: "app", serviceAccountName: "s3-reader", permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
        {
          namespace: "batch",
          serviceAccountName: "*",
          mechanism: "irsa",
          permissionPolicyARNs: ["arn:aws:iam::111122223333:policy/batch"],
        },
      ],
      nodeGroups: [{ name: "general", httpPutResponseHopLimit: 2 }],
    });
    // WHEN reviewed
    const review = buildReview({ dir: head, base });
    // THEN each change is listed, the riskiest first, and the flags name them
    expect(review.changes).toEqual(
      expect.arrayContaining([
        { environment: "dev", kind: "exposure", detail: "endpoint private → public-and-private (0.0.0.0/0)" },
        { environment: "dev", kind: "grant-widened", detail: `${DEVELOPER}: AmazonEKSViewPolicy → AmazonEKSAdminPolicy on cluster` },
        { environment: "dev", kind: "grant-added", detail: "arn:aws:iam::111122223333:role/auditors: AmazonEKSViewPolicy on cluster" },
        { environment: "dev", kind: "grant-removed", detail: `${DEVELOPER}: AmazonEKSViewPolicy on namespaces app` },
        { environment: "dev", kind: "pod-role-added", detail: "batch/* → dev-batch-any (irsa; batch)" },
      ]),
    );
    const md = renderMarkdown(review);
    const whatChanges = md.indexOf("## What changes");
    expect(whatChanges).toBeGreaterThan(-1);
    expect(whatChanges).toBeLessThan(md.indexOf("## Environment"));
    const lines = md
      .slice(whatChanges)
      .split("\n")
      .filter((l) => l.startsWith("- **"));
    expect(lines[0]).toBe(`- **⚠️ grant widened** (dev): ${DEVELOPER}: AmazonEKSViewPolicy → AmazonEKSAdminPolicy on cluster`);
    expect(lines[1]).toBe("- **⚠️ exposure** (dev): endpoint private → public-and-private (0.0.0.0/0)");
    expect(md).toContain("- `open-to-internet`: the public API endpoint admits 0.0.0.0/0");
    expect(md).toContain("- `irsa-wildcard`: every service account in batch may assume dev-batch-any");
    expect(md).toContain(
      "- `imds-hop-limit`: aws_launch_template.cluster_general_launch-template has IMDS hop limit 2: pods can read the node role's credentials",
    );
    expect(md).toContain("- `unprotected`: prevent_destroy is off on the cluster (cluster.protect: false)");
  });

  test("a namespace grant widened to the cluster", () => {
    // GIVEN the developer's namespace grant widened to the cluster WHEN reviewed against the default THEN one grant-widened line
    const base = dev;
    const head = synthDir({
      accessEntries: [
        { principalARN: DEVELOPER, accessPolicies: [{ policyARN: "AmazonEKSViewPolicy", accessScope: { type: "cluster" } }] },
      ],
    });
    // (the head's list also drops the operators' entry: only the developer's line is this test's)
    expect(buildReview({ dir: head, base }).changes?.filter((c) => c.detail.startsWith(DEVELOPER))).toEqual([
      { environment: "dev", kind: "grant-widened", detail: `${DEVELOPER}: AmazonEKSViewPolicy from namespaces app → the whole cluster` },
    ]);
  });

  test("no change, no noise", () => {
    // GIVEN two synths of the same environment WHEN reviewed THEN no change
    expect(buildReview({ dir: synthDir(), base: dev }).changes).toEqual([]);
  });

  test("legacy aws-auth mappings still kept are listed", () => {
    // GIVEN an environment migrating from aws-auth WHEN reviewed THEN its kept mappings and the flag
    const dir = synthDir({
      cluster: { authenticationMode: "API_AND_CONFIG_MAP" },
      legacyAwsAuth: {
        mapRoles: [{ rolearn: "arn:aws:iam::111122223333:role/eks-admins", username: "cluster-admin", groups: ["system:masters"] }],
      },
      inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" },
    });
    const md = renderMarkdown(buildReview({ dir }));
    expect(md).toContain("### Legacy aws-auth mappings still kept");
    expect(md).toContain("| arn:aws:iam::111122223333:role/eks-admins | cluster-admin | system:masters |");
    // The node role by its name, never a Terraform token; the count is what the user wrote.
    expect(md).toContain(
      "| role dev-node (created by this stack) | system:node:{{EC2PrivateDNSName}} | system:bootstrappers, system:nodes |",
    );
    expect(md).not.toContain("${");
    expect(md).toContain(
      "- `legacy-aws-auth`: 1 aws-auth mapping(s) from legacyAwsAuth still kept (and the node role's, kept so nodes can join)",
    );
  });

  test("--format json carries the same content; --out writes a file; CDKTF_OUTDIR is the default dir", async () => {
    // GIVEN CDKTF_OUTDIR naming the synthesized default WHEN reviewed as JSON without --dir THEN that directory's review
    const outdir = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = dev;
    let json: any;
    try {
      json = JSON.parse((await cli(["review", "--format", "json"])).stdout);
    } finally {
      if (outdir === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = outdir;
    }
    expect(json.environments[0].access).toHaveLength(2);
    expect(json.environments[0].endpoint).toEqual({ private: true, public: false, publicCidrs: [] });
    // WHEN --out is given THEN nothing on stdout, the review in the file
    const out = join(mkdtempSync(join(tmpdir(), "private-eks-review-out-")), "review.md");
    expect(await cli(["review", "--dir", dev, "--out", out])).toMatchObject({ code: 0, stdout: "" });
    expect(readFileSync(out, "utf8")).toContain("## Environment `dev`");
  });

  test.each([
    [
      ["review", "--dir", "/nonexistent"],
      "private-eks review: /nonexistent: no manifest.json here; run npm run synth (or npx cdktf synth) first",
    ],
    [["review", "--format", "html"], 'private-eks review: --format "html": use markdown or json'],
    [["review", "--fail-on", "warning"], 'private-eks review: --fail-on "warning": the only level is blocking'],
  ])("usage mistakes: %p", async (args, message) => {
    // GIVEN a mistaken command line WHEN run THEN exit 1 and the message
    const r = await cli(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test("a usage mistake as a process: exit 1, the message, no stack trace", () => {
    // GIVEN a directory that was never synthesized WHEN the command runs THEN one line, exit 1
    const r = privateEks(["review", "--dir", "/nonexistent"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("private-eks review: /nonexistent: no manifest.json here; run npm run synth (or npx cdktf synth) first");
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test.each([
    ["{}", "no resource_changes"],
    ["null", "a JSON null, not an object"],
    ["[]", "a JSON array, not an object"],
    [
      "Terraform used the selected providers to generate the following execution plan.",
      "Unexpected token 'T', \"Terraform \"... is not valid JSON",
    ],
  ])("a plan file that is not a plan JSON (%p): clear error, exit 1, and advice that does not overwrite it", async (content, why) => {
    // GIVEN a --plan file that is not terraform show -json output
    const file = join(mkdtempSync(join(tmpdir(), "private-eks-plan-")), "plan.json");
    writeFileSync(file, content);
    // WHEN reviewed THEN what it is not, the fix, and the file as it was
    const r = await cli(["review", "--dir", dev, "--plan", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `private-eks review: ${file}: is not terraform show -json output of a plan (${why}); pass the output of terraform show -json <planfile>, saved to a new file\n`,
    );
    expect(r.stderr).not.toContain(`> ${file}`);
    expect(readFileSync(file, "utf8")).toBe(content);
  });

  test.each([["a shell transcript", "$ make deploy\nok\n", 'is not terraform plan output (no "Error:", "Plan:" or "No changes." line)']])(
    "a plan log that does not come from Terraform (%s): clear error, exit 1",
    async (_what, content, message) => {
      // GIVEN a --plan-log that is not terraform plan's console output WHEN reviewed THEN one line naming it, exit 1
      const file = join(mkdtempSync(join(tmpdir(), "private-eks-log-")), "plan.log");
      writeFileSync(file, content);
      const r = await cli(["review", "--dir", dev, "--plan-log", file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `private-eks review: ${file}: ${message}; pass the console output of terraform plan (terraform plan ... 2>&1 | tee plan.log)\n`,
      );
      expect(hasStackTrace(r.stderr)).toBe(false);
    },
  );

  test.each([
    [
      "a stack file missing",
      (stack: string) => rmSync(stack),
      (stack: string) => `manifest.json lists stack dev-cluster but ${stack} cannot be read (ENOENT)`,
    ],
    [
      "a stack file cut short (a synth killed mid-write, before synth wrote whole)",
      (stack: string) => writeFileSync(stack, '{"resource": {'),
      (stack: string) => `${stack} (stack dev-cluster) is not JSON (Expected property name or '}' in JSON at position 14)`,
    ],
  ])("a --base directory with %s: clear error naming --base and the stack, exit 1", async (_what, spoil, message) => {
    // GIVEN a base whose manifest lists a stack whose file is missing or not JSON
    const base = synthDir();
    const stack = join(base, "stacks", "dev-cluster", "cdk.tf.json");
    spoil(stack);
    // WHEN reviewed THEN
    const r = await cli(["review", "--dir", dev, "--base", base]);
    expect(r.stderr).toBe(`private-eks review: --base ${base}: ${message(stack)}; synthesize into it again\n`);
    expect(r.code).toBe(1);
  });

  test("a --base directory with no manifest: clear error naming --base, exit 1", async () => {
    // GIVEN an empty --base WHEN reviewed THEN the fix names how to synthesize the base
    const empty = mkdtempSync(join(tmpdir(), "private-eks-empty-"));
    const r = await cli(["review", "--dir", dev, "--base", empty]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `private-eks review: --base ${empty}: no manifest.json here; synthesize the base branch into it first (CDKTF_OUTDIR=${empty} npm run synth in a checkout of the base)\n`,
    );
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe("the README's review excerpt", () => {
  test("is the real review of the shipped config/dev.yaml", () => {
    // GIVEN the README's review excerpt WHEN the shipped dev environment is reviewed and rendered as markdown THEN the excerpt is exactly that
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const excerpt = /<!-- review-excerpt:start -->\n```markdown\n([\s\S]*?)\n```\n<!-- review-excerpt:end -->/.exec(readme)?.[1];
    expect(excerpt).toBeDefined();
    expect(renderMarkdown(buildReview({ dir: dev })).trimEnd()).toBe(excerpt);
  });
});
