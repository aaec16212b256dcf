import { PrivateClusterProps } from "../../../modules/cluster/private-cluster";
import { TfJson, devConfig, only, resources, synthEnvironment } from "../../support/environment";
import { synthJson, testCluster } from "../../support/fixture";

function cluster(props: Partial<PrivateClusterProps> = {}): TfJson {
  const { stack } = testCluster(props);
  return synthJson(stack);
}

describe("PrivateCluster", () => {
  test("private by default: both endpoint flags set explicitly, no public CIDRs", () => {
    // GIVEN a cluster with default props WHEN synthesized THEN the private endpoint on, the public one explicitly off, and no public CIDRs
    expect(only(cluster(), "aws_eks_cluster").vpc_config).toEqual({
      subnet_ids: ["subnet-a", "subnet-b"],
      endpoint_private_access: true,
      endpoint_public_access: false,
    });
  });

  test.each([
    ["public-and-private", true, true],
    ["public", false, true],
  ] as const)("endpoint %s sets private=%p public=%p and the CIDRs", (endpoint, privateAccess, publicAccess) => {
    // GIVEN a public or public-and-private endpoint with one CIDR WHEN synthesized THEN the endpoint flags of that mode, and the CIDR
    const vpc = only(cluster({ endpoint, publicAccessCidrs: ["203.0.113.0/24"] }), "aws_eks_cluster").vpc_config;
    expect(vpc).toMatchObject({
      endpoint_private_access: privateAccess,
      endpoint_public_access: publicAccess,
      public_access_cidrs: ["203.0.113.0/24"],
    });
  });

  test("access entries without an implicit admin; the ForceNew attributes are ignored after creation", () => {
    // GIVEN a cluster with default props WHEN synthesized THEN API authentication, the creator not made admin, no self-managed add-ons bootstrapped
    // AND those two ForceNew settings ignored after creation, with prevent_destroy on
    const eks = only(cluster(), "aws_eks_cluster");
    expect(eks.access_config).toEqual({ authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false });
    expect(eks.bootstrap_self_managed_addons).toBe(false);
    expect(eks.lifecycle).toEqual({
      ignore_changes: ["access_config[0].bootstrap_cluster_creator_admin_permissions", "bootstrap_self_managed_addons"],
      prevent_destroy: true,
    });
    // AND a cluster asked for API_AND_CONFIG_MAP gets it
    expect(only(cluster({ authenticationMode: "API_AND_CONFIG_MAP" }), "aws_eks_cluster").access_config.authentication_mode).toBe(
      "API_AND_CONFIG_MAP",
    );
  });

  test("protect: prevent_destroy on the cluster and its KMS key, and off when asked", () => {
    // GIVEN a cluster with default props WHEN synthesized THEN its KMS key has prevent_destroy
    const on = cluster();
    expect(only(on, "aws_kms_key").lifecycle).toEqual({ prevent_destroy: true });
    // AND with protect off THEN the cluster's prevent_destroy is false and the key has no lifecycle
    const off = cluster({ protect: false });
    expect(only(off, "aws_eks_cluster").lifecycle.prevent_destroy).toBe(false);
    expect(only(off, "aws_kms_key").lifecycle).toBeUndefined();
  });

  test("secrets are encrypted with a rotating key the cluster role may use", () => {
    // GIVEN a cluster WHEN synthesized THEN secrets are encrypted with its KMS key, which rotates, waits 30 days to delete and has the alias alias/eks/dev
    const tf = cluster();
    const eks = only(tf, "aws_eks_cluster");
    expect(eks.encryption_config).toEqual({ provider: { key_arn: "${aws_kms_key.cluster_key_key.arn}" }, resources: ["secrets"] });
    const key = only(tf, "aws_kms_key");
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(only(tf, "aws_kms_alias").name).toBe("alias/eks/dev");
    // AND the key policy: the account administers it, the cluster role encrypts with it, CloudWatch Logs uses it for the cluster's log group only
    const statements = JSON.parse(key.policy).Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(["AccountAdministersKey", "ClusterRoleEncryptsSecrets", "CloudWatchLogsUsesKey"]);
    expect(statements[0].Principal).toEqual({
      AWS: "arn:${data.aws_partition.context_partition.partition}:iam::${data.aws_caller_identity.context_account.account_id}:root",
    });
    expect(statements[1]).toMatchObject({
      Principal: { AWS: "${aws_iam_role.cluster_role_role.arn}" },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
    });
    expect(statements[2].Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"]).toEqual([
      "arn:${data.aws_partition.context_partition.partition}:logs:${data.aws_region.context_region.name}:${data.aws_caller_identity.context_account.account_id}:log-group:/aws/eks/dev/cluster",
    ]);
  });

  test("all five control-plane log types go to a KMS-encrypted log group created before the cluster", () => {
    // GIVEN a cluster WHEN synthesized THEN all five log types are enabled, the cluster depends on its log group
    // AND the log group /aws/eks/dev/cluster keeps logs 365 days, encrypted with the cluster's key; logRetentionDays 731 changes that
    const tf = cluster();
    const eks = only(tf, "aws_eks_cluster");
    expect(eks.enabled_cluster_log_types).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
    expect(eks.depends_on).toContain("aws_cloudwatch_log_group.cluster_log-group");
    expect(only(tf, "aws_cloudwatch_log_group")).toMatchObject({
      name: "/aws/eks/dev/cluster",
      retention_in_days: 365,
      kms_key_id: "${aws_kms_key.cluster_key_key.arn}",
    });
    expect(only(cluster({ logRetentionDays: 731 }), "aws_cloudwatch_log_group").retention_in_days).toBe(731);
  });

  test("a log group EKS wrote again (after a destroy) is adopted: an import block that applies only when the group exists", () => {
    // GIVEN the cluster WHEN synthesized
    const tf = cluster();
    // THEN the exact log group name is looked up at plan time
    expect(tf.data?.aws_cloudwatch_log_groups).toEqual({
      "cluster_existing-log-groups": expect.objectContaining({ log_group_name_prefix: "/aws/eks/dev/cluster" }),
    });
    // AND imported into the log group's address only when that exact name exists (Terraform ≥ 1.7 import for_each)
    expect(tf.import).toEqual([
      {
        for_each:
          '${contains(tolist(data.aws_cloudwatch_log_groups.cluster_existing-log-groups.log_group_names), "/aws/eks/dev/cluster") ? toset(["existing"]) : toset([])}',
        to: "aws_cloudwatch_log_group.cluster_log-group",
        id: "/aws/eks/dev/cluster",
      },
    ]);
  });

  test("the adopting import block renders in HCL too", () => {
    // GIVEN the cluster WHEN synthesized as HCL THEN the import block names the log group's address
    const { stack } = testCluster();
    const hcl = stack.toHclTerraform().hcl as string;
    // (a template holding one interpolation keeps its value's type: for_each gets the set; terraform validate accepts it)
    expect(hcl).toContain(
      'import {\nfor_each = "${contains(tolist(data.aws_cloudwatch_log_groups.cluster_existing-log-groups.log_group_names), "/aws/eks/dev/cluster") ? toset(["existing"]) : toset([])}"\nto = aws_cloudwatch_log_group.cluster_log-group\nid = "/aws/eks/dev/cluster"\n}',
    );
  });

  test("the cluster role trusts EKS with AssumeRole and TagSession and has AmazonEKSClusterPolicy", () => {
    // GIVEN a cluster WHEN synthesized THEN the role dev-cluster trusts only eks.amazonaws.com (AssumeRole, TagSession) and has AmazonEKSClusterPolicy attached
    const tf = cluster();
    const role = resources(tf, "aws_iam_role")["cluster_role_role"];
    expect(role.name).toBe("dev-cluster");
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] },
    ]);
    expect(only(tf, "aws_iam_role_policy_attachment").policy_arn).toBe(
      "arn:${data.aws_partition.context_partition.partition}:iam::aws:policy/AmazonEKSClusterPolicy",
    );
  });

  test("the default version is the newest in standard support when the calendar was read", () => {
    // GIVEN a cluster without a version WHEN synthesized THEN Kubernetes 1.36
    expect(only(cluster(), "aws_eks_cluster").version).toBe("1.36");
  });

  test.each([
    [
      { name: "-bad" },
      'test/cluster: name: "-bad" is not a valid EKS cluster name; use 1-100 letters, digits, "-" or "_", starting with a letter or digit (example: dev-private)',
    ],
    [{ version: "1.3" }, 'test/cluster: version: "1.3" is not a Kubernetes version; write "major.minor" in quotes (example: "1.36")'],
    [
      { endpoint: "public" as const },
      "test/cluster: publicAccessCidrs: is required with endpoint: public; list the networks that may reach the public endpoint (example: [203.0.113.0/24]), or use endpoint: private",
    ],
    [
      { endpoint: "public-and-private" as const, publicAccessCidrs: ["0.0.0.0/0"] },
      "test/cluster: publicAccessCidrs[0]: 0.0.0.0/0 opens the Kubernetes API to the whole internet; list your own networks instead, or set allowPublicInternet: true to accept that",
    ],
    [
      { authenticationMode: "CONFIG_MAP" as unknown as "API" },
      "test/cluster: authenticationMode: CONFIG_MAP is not supported: access entries need the EKS API; use API (or API_AND_CONFIG_MAP while migrating from aws-auth). Modes only move CONFIG_MAP → API_AND_CONFIG_MAP → API",
    ],
  ])("bad props %p throw with the fix", (props, message) => {
    // GIVEN an invalid name, version, endpoint without CIDRs, 0.0.0.0/0 without the opt-in or CONFIG_MAP mode THEN it throws with the fix
    expect(() => cluster(props)).toThrow(message);
  });

  test("no node role without managed node groups; the first group creates it", () => {
    // GIVEN a cluster with no node groups WHEN synthesized THEN no node role exists, and reading it says why
    const { stack, cluster: bare } = testCluster();
    expect(bare.nodeRoleArns).toEqual([]);
    expect(() => bare.nodeRole).toThrow(
      "test/cluster: no managed node group role yet; it is created by the first addNodeGroup (use nodeRoleArns to read it either way)",
    );
    expect(Object.keys(resources(synthJson(stack), "aws_iam_role"))).toEqual(["cluster_role_role"]);
    // WHEN a group is added THEN the role exists, once
    bare.addNodeGroup({ name: "a" });
    bare.addNodeGroup({ name: "b" });
    expect(bare.nodeRoleArns).toEqual([bare.nodeRole.arn]);
    expect(Object.keys(resources(synthJson(stack), "aws_iam_role")).sort()).toEqual(["cluster_node-role_role", "cluster_role_role"]);
  });

  test("an environment with legacy aws-auth mappings and no node groups has no node role, and maps none", () => {
    // GIVEN aws-auth mappings kept while migrating, and no managed node groups
    const stacks = synthEnvironment(
      devConfig({
        nodeGroups: [],
        cluster: { authenticationMode: "API_AND_CONFIG_MAP" },
        legacyAwsAuth: { mapUsers: [{ userarn: "arn:aws:iam::111122223333:user/alice", groups: ["viewers"] }] },
        inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" },
      }),
    );
    // WHEN synthesized THEN the cluster stack has no node role, and aws-auth maps no node role
    expect(Object.keys(resources(stacks["dev-cluster"], "aws_iam_role")).filter((k) => k.includes("node-role"))).toEqual([]);
    const mapRoles = stacks["dev-in-cluster"].resource!.kubernetes_config_map_v1_data["legacy_aws-auth"].data.mapRoles;
    expect(mapRoles ?? "").not.toContain("node-role");
  });

  test("upgradePolicy sets the provider's upgrade_policy; unset leaves EKS's default", () => {
    // GIVEN upgradePolicy STANDARD THEN upgrade_policy's support type is STANDARD; GIVEN none THEN no upgrade_policy
    expect(only(cluster({ upgradePolicy: "STANDARD" }), "aws_eks_cluster").upgrade_policy).toEqual({ support_type: "STANDARD" });
    expect(only(cluster(), "aws_eks_cluster").upgrade_policy).toBeUndefined();
  });

  test("0.0.0.0/0 with the explicit opt-in", () => {
    // GIVEN a public-and-private endpoint open to 0.0.0.0/0 with allowPublicInternet WHEN synthesized THEN the CIDR is kept
    const vpc = only(
      cluster({ endpoint: "public-and-private", publicAccessCidrs: ["0.0.0.0/0"], allowPublicInternet: true }),
      "aws_eks_cluster",
    ).vpc_config;
    expect(vpc.public_access_cidrs).toEqual(["0.0.0.0/0"]);
  });
});
