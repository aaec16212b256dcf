import { readdirSync } from "node:fs";
import { join } from "node:path";
import { TfJson, clusterJson, configFrom, ROOT, synthEnvironment } from "../support/environment";
import { describeDiagnostics, validateStacks } from "../support/terraform";
import { describeWith, hasTerraform } from "../support/tools";
import { loadEnvironments } from "../../environment/load";
import { POD_ROLES, hundredEntries } from "../support/variants";

/** Cluster-stack variants that must all be valid Terraform for hashicorp/aws 5.100.0. */
function variants(): Record<string, TfJson> {
  const shipped: Record<string, TfJson> = {};
  const files = readdirSync(join(ROOT, "config"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => join(ROOT, "config", f));
  for (const { config } of loadEnvironments(files)) {
    for (const [id, stack] of Object.entries(synthEnvironment(config))) {
      if (id.endsWith("-cluster")) shipped[`shipped-${config.name}`] = stack;
    }
  }
  return {
    ...shipped,
    "egress-none": clusterJson({ network: { egress: "none" } }),
    "nat-per-zone-two-zones": clusterJson({ network: { azCount: 2, singleNatGateway: false, cidr: "10.1.0.0/20" } }),
    minimal: synthEnvironment(configFrom({ name: "mini", region: "us-east-1" }))["mini-cluster"],
    "public-and-private": clusterJson({
      cluster: { endpoint: "public-and-private", publicAccessCidrs: ["203.0.113.0/24", "198.51.100.7/32"] },
    }),
    "two-node-groups": clusterJson({
      nodeGroups: [
        { name: "general" },
        {
          name: "arm-spot",
          instanceTypes: ["m7g.large", "m6g.large"],
          capacityType: "SPOT",
          minSize: 0,
          maxSize: 10,
          desiredSize: 1,
          diskSizeGiB: 100,
          labels: { arch: "arm64" },
          taints: [{ key: "spot", value: "true", effect: "NO_SCHEDULE" }],
        },
      ],
      addons: { "vpc-cni": { version: "v1.19.2-eksbuild.1" } },
    }),
    "node-group-renamed": clusterJson({ nodeGroups: [{ name: "general-v2", renamedFrom: "general" }] }),
    "migration-cluster-stack": synthEnvironment(
      configFrom({
        name: "mig",
        region: "eu-west-1",
        cluster: { authenticationMode: "API_AND_CONFIG_MAP" },
        legacyAwsAuth: { mapRoles: [{ rolearn: "arn:aws:iam::111122223333:role/eks-admins", groups: ["system:masters"] }] },
        inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" },
      }),
    )["mig-cluster"],
    "pod-roles-both-mechanisms": clusterJson({
      podRoles: POD_ROLES,
      inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" },
    }),
    "hundred-access-entries": clusterJson({ accessEntries: hundredEntries() }),
    "bastion-disabled-unprotected": clusterJson({
      bastion: { enabled: false },
      cluster: { protect: false, authenticationMode: "API_AND_CONFIG_MAP" },
    }),
  };
}

describeWith("terraform", hasTerraform(), "terraform validate (real hashicorp/aws 5.100.0)", () => {
  // One terraform init + validate serves both tests (the provider schema loads once): every variant,
  // and beside them one stack with a misspelt argument, which proves the check can fail.
  let result: { valid: boolean; diagnostics: any[] };
  let validated: string[];
  beforeAll(async () => {
    const broken = clusterJson();
    broken.resource!.aws_vpc["network_vpc"].enable_dns_hostname = true;
    // ...and its import block aimed at a log group address that does not exist
    broken.import[0].to = "aws_cloudwatch_log_group.cluster_log-groups";
    const stacks = { ...variants(), broken };
    validated = Object.keys(stacks);
    result = await validateStacks(stacks);
  }, 120_000);
  const inModule = (name: string) => (d: any) =>
    (d.range?.filename ?? "").startsWith(`${name}/`) || `${d.summary} ${d.detail ?? ""}`.includes(`module.${name}.`);

  test("every shipped environment and every variant is valid", () => {
    // GIVEN every variant validated WHEN the diagnostics outside the broken module are read THEN there are none
    const others = result.diagnostics.filter((d) => !inModule("broken")(d));
    expect(describeDiagnostics({ diagnostics: others })).toBe("");
    expect(validated.length).toBeGreaterThan(10);
  });

  test("the check can fail: a misspelt argument is reported with its module", () => {
    // GIVEN the broken stack in the same run THEN validate fails, naming the argument and the module
    expect(result.valid).toBe(false);
    const broken = { diagnostics: result.diagnostics.filter(inModule("broken")) };
    expect(describeDiagnostics(broken)).toContain('No argument or block type is named "enable_dns_hostname"');
    expect(describeDiagnostics(broken)).toContain("broken/cdk.tf.json");
  });

  test("the log group's import block is validated too (hoisted to the root, where Terraform allows imports)", () => {
    // GIVEN the broken stack's import block aimed at a log group address that does not exist, in the same run
    // THEN Terraform reports the missing configuration for the import target
    const broken = { diagnostics: result.diagnostics.filter(inModule("broken")) };
    expect(describeDiagnostics(broken)).toContain("aws_cloudwatch_log_group.cluster_log-groups");
    expect(describeDiagnostics(broken)).toContain("Configuration for import target does not exist");
  });
});
