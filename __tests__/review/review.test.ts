import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderMarkdown } from "../../app/review/markdown";
import { buildReview } from "../../app/review/review";
import { clusterJson } from "../support/environment";
import { Moto } from "../support/moto";
import { synthDir } from "../support/review";
import { hasStackTrace, privateEks } from "../support/run";
import { TerraformDir, withoutBackend } from "../support/terraform";
import { describeWith, hasMoto, hasTerraform } from "../support/tools";

const DEVELOPER = "arn:aws:iam::111122223333:user/kubernetes-developer";

describe("private-eks review", () => {
  test("the default config: exposure, mode, the access matrix, pod roles, ingress from the bastion, wildcards, flags", () => {
    const r = privateEks(["review", "--dir", synthDir()]);
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
    const base = synthDir();
    const head = synthDir({
      cluster: { endpoint: "public-and-private", publicAccessCidrs: ["0.0.0.0/0"], allowPublicInternet: true, protect: false },
      accessEntries: [
        { principalARN: DEVELOPER, accessPolicies: [{ policyARN: "AmazonEKSAdminPolicy", accessScope: { type: "cluster" } }] },
        { principalARN: "arn:aws:iam::111122223333:role/auditors", accessPolicies: [{ policyARN: "AmazonEKSViewPolicy" }] },
      ],
      podRoles: [
        { namespace: "app", serviceAccountName: "s3-reader", permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
        { namespace: "batch", serviceAccountName: "*", mechanism: "irsa", permissionPolicyARNs: ["arn:aws:iam::111122223333:policy/batch"] },
      ],
      nodeGroups: [{ name: "general", httpPutResponseHopLimit: 2 }],
    });
    const review = buildReview({ dir: head, base });
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
    const lines = md.slice(whatChanges).split("\n").filter((l) => l.startsWith("- **"));
    expect(lines[0]).toBe(`- **⚠️ grant widened** (dev): ${DEVELOPER}: AmazonEKSViewPolicy → AmazonEKSAdminPolicy on cluster`);
    expect(lines[1]).toBe("- **⚠️ exposure** (dev): endpoint private → public-and-private (0.0.0.0/0)");
    expect(md).toContain("- `open-to-internet`: the public API endpoint admits 0.0.0.0/0");
    expect(md).toContain("- `irsa-wildcard`: every service account in batch may assume dev-batch-any");
    expect(md).toContain("- `imds-hop-limit`: aws_launch_template.cluster_general_launch-template has IMDS hop limit 2: pods can read the node role's credentials");
    expect(md).toContain("- `unprotected`: prevent_destroy is off on the cluster (cluster.protect: false)");
  });

  test("a namespace grant widened to the cluster", () => {
    const base = synthDir();
    const head = synthDir({ accessEntries: [{ principalARN: DEVELOPER, accessPolicies: [{ policyARN: "AmazonEKSViewPolicy", accessScope: { type: "cluster" } }] }] });
    // (the head's list also drops the operators' entry: only the developer's line is this test's)
    expect(buildReview({ dir: head, base }).changes?.filter((c) => c.detail.startsWith(DEVELOPER))).toEqual([
      { environment: "dev", kind: "grant-widened", detail: `${DEVELOPER}: AmazonEKSViewPolicy from namespaces app → the whole cluster` },
    ]);
  });

  test("no change, no noise", () => {
    expect(buildReview({ dir: synthDir(), base: synthDir() }).changes).toEqual([]);
  });

  test("legacy aws-auth mappings still kept are listed", () => {
    const dir = synthDir({
      cluster: { authenticationMode: "API_AND_CONFIG_MAP" },
      legacyAwsAuth: { mapRoles: [{ rolearn: "arn:aws:iam::111122223333:role/eks-admins", username: "cluster-admin", groups: ["system:masters"] }] },
      inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" },
    });
    const md = renderMarkdown(buildReview({ dir }));
    expect(md).toContain("### Legacy aws-auth mappings still kept");
    expect(md).toContain("| arn:aws:iam::111122223333:role/eks-admins | cluster-admin | system:masters |");
    // The node role by its name, never a Terraform token; the count is what the user wrote.
    expect(md).toContain("| role dev-node (created by this stack) | system:node:{{EC2PrivateDNSName}} | system:bootstrappers, system:nodes |");
    expect(md).not.toContain("${");
    expect(md).toContain("- `legacy-aws-auth`: 1 aws-auth mapping(s) from legacyAwsAuth still kept (and the node role's, kept so nodes can join)");
  });

  test("--format json carries the same content; --out writes a file; CDKTF_OUTDIR is the default dir", () => {
    const dir = synthDir();
    const json = JSON.parse(privateEks(["review", "--format", "json"], { env: { CDKTF_OUTDIR: dir } }).stdout);
    expect(json.environments[0].access).toHaveLength(2);
    expect(json.environments[0].endpoint).toEqual({ private: true, public: false, publicCidrs: [] });
    const out = join(dir, "review.md");
    expect(privateEks(["review", "--dir", dir, "--out", out]).stdout).toBe("");
    expect(readFileSync(out, "utf8")).toContain("## Environment `dev`");
  });

  test.each([
    [["review", "--dir", "/nonexistent"], "private-eks review: /nonexistent: no manifest.json here; run npm run synth (or npx cdktf synth) first"],
    [["review", "--format", "html"], 'private-eks review: --format "html": use markdown or json'],
    [["review", "--fail-on", "warning"], 'private-eks review: --fail-on "warning": the only level is blocking'],
  ])("usage mistakes: %p", (args, message) => {
    const r = privateEks(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test.each([
    ["{}", "no resource_changes"],
    ["null", "a JSON null, not an object"],
    ["[]", "a JSON array, not an object"],
    ["Terraform used the selected providers to generate the following execution plan.", "Unexpected token 'T', \"Terraform \"... is not valid JSON"],
  ])("a plan file that is not a plan JSON (%p): clear error, exit 1, and advice that does not overwrite it", (content, why) => {
    const file = join(mkdtempSync(join(tmpdir(), "private-eks-plan-")), "plan.json");
    writeFileSync(file, content);
    const r = privateEks(["review", "--dir", synthDir(), "--plan", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`private-eks review: ${file}: is not terraform show -json output of a plan (${why}); pass the output of terraform show -json <planfile>, saved to a new file\n`);
    expect(r.stderr).not.toContain(`> ${file}`);
    expect(readFileSync(file, "utf8")).toBe(content);
  });

  test.each([
    ["a shell transcript", "$ make deploy\nok\n", 'is not terraform plan output (no "Error:", "Plan:" or "No changes." line)'],
  ])("a plan log that does not come from Terraform (%s): clear error, exit 1", (_what, content, message) => {
    const file = join(mkdtempSync(join(tmpdir(), "private-eks-log-")), "plan.log");
    writeFileSync(file, content);
    const r = privateEks(["review", "--dir", synthDir(), "--plan-log", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`private-eks review: ${file}: ${message}; pass the console output of terraform plan (terraform plan ... 2>&1 | tee plan.log)\n`);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test.each([
    ["a stack file missing", (stack: string) => rmSync(stack), (stack: string) => `manifest.json lists stack dev-cluster but ${stack} cannot be read (ENOENT)`],
    ["a stack file cut short (a synth killed mid-write, before synth wrote whole)", (stack: string) => writeFileSync(stack, '{"resource": {'), (stack: string) => `${stack} (stack dev-cluster) is not JSON (Expected property name or '}' in JSON at position 14)`],
  ])("a --base directory with %s: clear error naming --base and the stack, exit 1", (_what, spoil, message) => {
    // GIVEN a base whose manifest lists a stack whose file is missing or not JSON
    const base = synthDir();
    const stack = join(base, "stacks", "dev-cluster", "cdk.tf.json");
    spoil(stack);
    // WHEN reviewed THEN
    const r = privateEks(["review", "--dir", synthDir(), "--base", base]);
    expect(r.stderr).toBe(`private-eks review: --base ${base}: ${message(stack)}; synthesize into it again\n`);
    expect(r.code).toBe(1);
  });

  test("a --base directory with no manifest: clear error naming --base, exit 1", () => {
    const empty = mkdtempSync(join(tmpdir(), "private-eks-empty-"));
    const r = privateEks(["review", "--dir", synthDir(), "--base", empty]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`private-eks review: --base ${empty}: no manifest.json here; synthesize the base branch into it first (CDKTF_OUTDIR=${empty} npm run synth in a checkout of the base)\n`);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describeWith("moto", hasTerraform() && hasMoto(), "review --plan on a real plan that replaces the cluster", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await Moto.start();
  });
  afterAll(() => moto?.stop());

  test("apply the cluster to moto, then plan a rename (ForceNew), the same rename protected, and a version downgrade: each BLOCKING", async () => {
    const tf = new TerraformDir();
    const copies: TerraformDir[] = [];
    try {
      // GIVEN the default stack, unprotected (with prevent_destroy, the default, Terraform refuses to even plan the replacement), applied to moto
      const settings = { cluster: { protect: false } };
      const applied = clusterJson(settings);
      tf.write("cdk.tf.json", withoutBackend(applied));
      tf.write("moto_override.tf.json", moto.providerOverride());
      await tf.terraform("init", "-input=false");
      await tf.terraform("apply", "-input=false", "-auto-approve", "-lock=false", "-target=aws_eks_cluster.cluster_cluster");
      // WHEN three edits of it are planned at once, each in its own directory on the applied state (one provider install)
      const from = applied.resource!.aws_eks_cluster.cluster_cluster.version as string;
      const down = `1.${Number(from.split(".")[1]) - 1}`;
      const plan = async (overrides: Record<string, unknown>, edit: (stack: any) => void = () => {}) => {
        const copy = new TerraformDir();
        copies.push(copy);
        symlinkSync(join(tf.dir, ".terraform"), join(copy.dir, ".terraform"));
        for (const f of ["terraform.tfstate", ".terraform.lock.hcl"]) copyFileSync(join(tf.dir, f), join(copy.dir, f));
        const stack = withoutBackend(clusterJson(overrides));
        edit(stack);
        copy.write("cdk.tf.json", stack);
        copy.write("moto_override.tf.json", moto.providerOverride());
        const r = await copy.result("plan", "-input=false", "-lock=false", "-refresh=false", "-target=aws_eks_cluster.cluster_cluster", "-out=tfplan");
        if (r.code !== 0) return { dir: copy.dir, json: undefined, log: `${r.stderr}\n${r.stdout}` };
        const json = join(copy.dir, "plan.json");
        writeFileSync(json, await copy.terraform("show", "-json", "tfplan"));
        return { dir: copy.dir, json, log: r.stdout };
      };
      // (moto answers access_config differently from what was sent, which alone would plan a replacement;
      // the downgrade ignores it, so its plan is the in-place update EKS would get)
      const ignoreAccessConfig = (stack: any) => (stack.resource.aws_eks_cluster.cluster_cluster.lifecycle = { ignore_changes: ["access_config"] });
      const [renamed, downgraded, refused] = await Promise.all([
        plan({ cluster: { protect: false, name: "dev-renamed" } }),
        plan({ cluster: { protect: false, version: down } }, ignoreAccessConfig),
        plan({ cluster: { name: "dev-renamed" } }),
      ]);
      const dir = synthDir(settings);

      // THEN the rename: BLOCKING replace, exit 2 with --fail-on blocking, 0 without
      const r = privateEks(["review", "--dir", dir, "--plan", renamed.json!, "--fail-on", "blocking"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/private-eks review: \d+ blocking findings?\n/);
      expect(r.stdout).toMatch(/\*\*BLOCKING: \d+ findings?\*\*/);
      expect(r.stdout).toContain("| **BLOCKING** | replace | `aws_eks_cluster.cluster_cluster` | the EKS cluster and every workload on it would be destroyed |");
      expect(r.stdout).toContain("|  | replace | `aws_iam_role.cluster_role_role` |  | name |");
      const json = JSON.parse(JSON.stringify(buildReview({ dir, plans: [renamed.json!] })));
      const cluster = json.plan[0].findings.find((f: any) => f.address === "aws_eks_cluster.cluster_cluster");
      expect(cluster).toMatchObject({ action: "replace", blocking: true, why: "the EKS cluster and every workload on it would be destroyed" });
      expect(cluster.replacePaths).toContain("name");
      expect(json.blocking).toBe(1);
      expect(privateEks(["review", "--dir", dir, "--plan", renamed.json!]).code).toBe(0);

      // THEN the downgrade: an in-place update Terraform would attempt and EKS refuses — BLOCKING, in the config rule's wording
      expect(downgraded.json).toBeDefined();
      expect(buildReview({ dir, plans: [downgraded.json!] }).plan?.[0].findings).toEqual([
        {
          address: "aws_eks_cluster.cluster_cluster",
          action: "update",
          blocking: true,
          why: `Kubernetes ${from} → ${down} is a downgrade: EKS cannot downgrade a cluster; keep "${from}" (or build a new environment on ${down})`,
          replacePaths: ["version"],
        },
      ]);

      // THEN the protected rename: terraform refuses...
      expect(refused.json).toBeUndefined();
      expect(refused.log).toContain("Instance cannot be destroyed");
      const log = join(refused.dir, "plan.log");
      writeFileSync(log, refused.log);
      // ...and the review still comes out, BLOCKING, naming the resource and the change that forces it.
      const stopped = privateEks(["review", "--dir", synthDir({ cluster: { name: "dev-renamed" } }), "--base", synthDir(), "--plan-log", log, "--fail-on", "blocking"]);
      expect(stopped.code).toBe(2);
      expect(stopped.stdout).toContain(
        `- **BLOCKING** \`aws_eks_cluster.cluster_cluster\` is protected (prevent_destroy) and the plan in \`${log}\` stopped: "Instance cannot be destroyed". Forced by: \`aws_eks_cluster.cluster_cluster\` is protected (cluster.protect: prevent_destroy) and cluster name dev → dev-renamed replaces it`,
      );
    } finally {
      for (const c of copies) c.remove();
      tf.remove();
    }
  }, 240_000);
});

describe("the README's review excerpt", () => {
  test("is the real review of the shipped config/dev.yaml", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    const excerpt = /<!-- review-excerpt:start -->\n```markdown\n([\s\S]*?)\n```\n<!-- review-excerpt:end -->/.exec(readme)?.[1];
    expect(excerpt).toBeDefined();
    expect(renderMarkdown(buildReview({ dir: synthDir() })).trimEnd()).toBe(excerpt);
  });
});
