import { copyFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildReview } from "../../app/review/review";
import { clusterJson } from "../support/environment";
import { Moto } from "../support/moto";
import { synthDir } from "../support/review";
import { privateEks } from "../support/run";
import { TerraformDir, withoutBackend } from "../support/terraform";
import { describeWith, hasMoto, hasTerraform } from "../support/tools";

/**
 * The review on real plans (npm run test:day2): the cluster applied to moto, then edits planned on
 * its state. The review's messages on synthesized JSON are tested in __tests__/app/review/review.test.ts.
 */
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
        const r = await copy.result(
          "plan",
          "-input=false",
          "-lock=false",
          "-refresh=false",
          "-target=aws_eks_cluster.cluster_cluster",
          "-out=tfplan",
        );
        if (r.code !== 0) return { dir: copy.dir, json: undefined, log: `${r.stderr}\n${r.stdout}` };
        const json = join(copy.dir, "plan.json");
        writeFileSync(json, await copy.terraform("show", "-json", "tfplan"));
        return { dir: copy.dir, json, log: r.stdout };
      };
      // (moto answers access_config differently from what was sent, which alone would plan a replacement;
      // the downgrade ignores it, so its plan is the in-place update EKS would get)
      const ignoreAccessConfig = (stack: any) =>
        (stack.resource.aws_eks_cluster.cluster_cluster.lifecycle = { ignore_changes: ["access_config"] });
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
      expect(r.stdout).toContain(
        "| **BLOCKING** | replace | `aws_eks_cluster.cluster_cluster` | the EKS cluster and every workload on it would be destroyed |",
      );
      expect(r.stdout).toContain("|  | replace | `aws_iam_role.cluster_role_role` |  | name |");
      const json = JSON.parse(JSON.stringify(buildReview({ dir, plans: [renamed.json!] })));
      const cluster = json.plan[0].findings.find((f: any) => f.address === "aws_eks_cluster.cluster_cluster");
      expect(cluster).toMatchObject({
        action: "replace",
        blocking: true,
        why: "the EKS cluster and every workload on it would be destroyed",
      });
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
      const stopped = privateEks([
        "review",
        "--dir",
        synthDir({ cluster: { name: "dev-renamed" } }),
        "--base",
        synthDir(),
        "--plan-log",
        log,
        "--fail-on",
        "blocking",
      ]);
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
