import { ClusterAddons } from "../../../modules/cluster/addons";
import { NodeGroupOptions } from "../../../modules/cluster/node-group";
import { PrivateCluster } from "../../../modules/cluster/private-cluster";
import { TfJson, only, resources } from "../../support/environment";
import { synthJson, testCluster } from "../../support/fixture";

/** Every group waits for the add-ons nodes need (vpc-cni, kube-proxy, the Pod Identity agent); CoreDNS waits for every group. */
function expectComputeOrder(tf: TfJson, groups: string[]): void {
  for (const g of groups) {
    expect(resources(tf, "aws_eks_node_group")[`cluster_${g}_node-group`].depends_on).toEqual(
      expect.arrayContaining([
        "aws_eks_addon.addons_vpc-cni",
        "aws_eks_addon.addons_kube-proxy",
        "aws_eks_addon.addons_eks-pod-identity-agent",
      ]),
    );
  }
  expect(resources(tf, "aws_eks_addon")["addons_coredns"].depends_on).toEqual(
    groups.map((g) => `aws_eks_node_group.cluster_${g}_node-group`),
  );
}

function withGroups(...groups: NodeGroupOptions[]): TfJson {
  const { stack, cluster } = testCluster();
  new ClusterAddons(stack, "addons", { cluster });
  for (const g of groups) cluster.addNodeGroup(g);
  return synthJson(stack);
}

describe("managed node groups", () => {
  test("launch template: IMDSv2 required with hop limit 1, encrypted gp3 root, monitoring, no SSH key, no public IP", () => {
    // GIVEN a node group with defaults WHEN synthesized THEN its launch template requires IMDSv2 with hop limit 1, has an encrypted 50 GiB gp3 root volume
    // and detailed monitoring, and sets no SSH key and no network interfaces (so no public IP)
    const template = only(withGroups({ name: "general" }), "aws_launch_template");
    expect(template.metadata_options).toEqual({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 });
    expect(template.block_device_mappings).toEqual([
      { device_name: "/dev/xvda", ebs: { volume_size: 50, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" } },
    ]);
    expect(template.monitoring).toEqual({ enabled: true });
    expect(template.key_name).toBeUndefined();
    expect(template.network_interfaces).toBeUndefined();
  });

  test("the node group: defaults, private subnets, the template, and a desired size Terraform manages", () => {
    // GIVEN a group with defaults WHEN synthesized
    const group = only(withGroups({ name: "general" }), "aws_eks_node_group");
    // THEN it is named from a prefix and replaced create-before-destroy; desired_size is not ignored
    expect(group.node_group_name).toBeUndefined();
    expect(group).toMatchObject({
      node_group_name_prefix: "general-",
      instance_types: ["m6i.large"],
      capacity_type: "ON_DEMAND",
      ami_type: "AL2023_x86_64_STANDARD",
      subnet_ids: ["subnet-a", "subnet-b"],
      scaling_config: { min_size: 2, max_size: 4, desired_size: 2 },
      launch_template: {
        id: "${aws_launch_template.cluster_general_launch-template.id}",
        version: "${aws_launch_template.cluster_general_launch-template.latest_version}",
      },
      update_config: { max_unavailable: 1 },
    });
    expect(group.lifecycle).toEqual({ create_before_destroy: true });
  });

  test("the launch template is named from a prefix, created before it is destroyed, and tags what EC2 launches", () => {
    // GIVEN a cluster with environment tags WHEN a group is synthesized
    const { stack, cluster } = testCluster({ tags: { Environment: "dev", CostCenter: "42" } });
    cluster.addNodeGroup({ name: "general" });
    const template = only(synthJson(stack), "aws_launch_template");
    // THEN
    expect(template.name).toBeUndefined();
    expect(template.name_prefix).toBe("${aws_eks_cluster.cluster_cluster.name}-general-");
    expect(template.lifecycle).toEqual({ create_before_destroy: true });
    const tags = { Environment: "dev", CostCenter: "42", Name: "${aws_eks_cluster.cluster_cluster.name}-general" };
    expect(template.tag_specifications).toEqual([
      { resource_type: "instance", tags },
      { resource_type: "volume", tags },
      { resource_type: "network-interface", tags },
    ]);
  });

  test("autoscaler: true leaves the desired size to the autoscaler after creation", () => {
    // GIVEN a group an autoscaler owns WHEN synthesized THEN desired_size is ignored after creation
    const group = only(withGroups({ name: "general", autoscaler: true, desiredSize: 3 }), "aws_eks_node_group");
    expect(group.scaling_config).toEqual({ min_size: 2, max_size: 4, desired_size: 3 });
    expect(group.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ["scaling_config[0].desired_size"] });
  });

  test("raising minSize raises the desired size with it", () => {
    // GIVEN a group WHEN minSize goes 2 → 3 without desiredSize THEN desired follows min
    expect(only(withGroups({ name: "general", minSize: 3 }), "aws_eks_node_group").scaling_config).toEqual({
      min_size: 3,
      max_size: 4,
      desired_size: 3,
    });
  });

  test.each([
    [5, { max_unavailable: 5 }],
    ["25%", { max_unavailable_percentage: 25 }],
  ] as const)("maxUnavailable %p rolls that many nodes at a time", (maxUnavailable, updateConfig) => {
    // GIVEN a group with maxUnavailable as a node count or a percentage WHEN synthesized THEN the matching update_config setting
    expect(only(withGroups({ name: "general", maxUnavailable }), "aws_eks_node_group").update_config).toEqual(updateConfig);
  });

  test("the node role: worker, CNI and ECR read-only policies, and nothing else", () => {
    // GIVEN a node group WHEN synthesized THEN the node role dev-node has only the worker node, CNI and ECR read-only managed policies, and no inline policy
    const tf = withGroups({ name: "general" });
    const attachments = Object.entries(resources(tf, "aws_iam_role_policy_attachment")).filter(([k]) => k.startsWith("cluster_node-role"));
    expect(attachments.map(([, a]) => a.policy_arn.split("/").pop()).sort()).toEqual([
      "AmazonEC2ContainerRegistryReadOnly",
      "AmazonEKSWorkerNodePolicy",
      "AmazonEKS_CNI_Policy",
    ]);
    expect(resources(tf, "aws_iam_role")["cluster_node-role_role"].name).toBe("dev-node");
    expect(resources(tf, "aws_iam_role_policy")).toEqual({});
  });

  test("groups are keyed by name: reordering changes no address", () => {
    // GIVEN a general and a SPOT ARM group WHEN added in one order and in the other THEN each group's address is its name, and the spot group is the same either way
    // AND the spot group has the ARM AMI, SPOT capacity, its labels and taint
    const a = withGroups(
      { name: "general" },
      {
        name: "spot",
        capacityType: "SPOT",
        instanceTypes: ["m7g.large"],
        labels: { lifecycle: "spot" },
        taints: [{ key: "spot", value: "true", effect: "NO_SCHEDULE" }],
      },
    );
    const b = withGroups(
      {
        name: "spot",
        capacityType: "SPOT",
        instanceTypes: ["m7g.large"],
        labels: { lifecycle: "spot" },
        taints: [{ key: "spot", value: "true", effect: "NO_SCHEDULE" }],
      },
      { name: "general" },
    );
    expect(Object.keys(resources(a, "aws_eks_node_group")).sort()).toEqual(["cluster_general_node-group", "cluster_spot_node-group"]);
    expect(resources(b, "aws_eks_node_group")["cluster_spot_node-group"]).toEqual(
      resources(a, "aws_eks_node_group")["cluster_spot_node-group"],
    );
    expect(resources(a, "aws_eks_node_group")["cluster_spot_node-group"]).toMatchObject({
      ami_type: "AL2023_ARM_64_STANDARD",
      capacity_type: "SPOT",
      labels: { lifecycle: "spot" },
      taint: [{ key: "spot", value: "true", effect: "NO_SCHEDULE" }],
    });
  });

  test("the hop limit is configurable per group", () => {
    // GIVEN a group with httpPutResponseHopLimit 2 WHEN synthesized THEN its launch template's hop limit is 2
    expect(
      only(withGroups({ name: "legacy", httpPutResponseHopLimit: 2 }), "aws_launch_template").metadata_options.http_put_response_hop_limit,
    ).toBe(2);
  });

  test.each([
    [{ name: "g", minSize: 5, maxSize: 2 }, "test/cluster/g: minSize: 5 is greater than maxSize (2); make minSize ≤ desiredSize ≤ maxSize"],
    [
      { name: "g", desiredSize: 9 },
      "test/cluster/g: desiredSize: 9 is outside minSize..maxSize (2..4); make minSize ≤ desiredSize ≤ maxSize",
    ],
    [{ name: "g", minSize: -1 }, "test/cluster/g: minSize: -1 is not a node count; use a whole number of 0 or more"],
    [
      { name: "g", maxSize: 0, minSize: 0 },
      "test/cluster/g: maxSize: 0 is not a node count; use a whole number of 1 or more (a group must allow at least one node)",
    ],
    [{ name: "g", desiredSize: 2.5 }, "test/cluster/g: desiredSize: 2.5 is not a node count; use a whole number of 0 or more"],
    [
      { name: "g", diskSizeGiB: 10 },
      "test/cluster/g: diskSizeGiB: 10 is not a root volume size; use a whole number of GiB from 20 (the node AMI's own volume) to 16384 (gp3's limit)",
    ],
    [
      { name: "g", diskSizeGiB: 16385 },
      "test/cluster/g: diskSizeGiB: 16385 is not a root volume size; use a whole number of GiB from 20 (the node AMI's own volume) to 16384 (gp3's limit)",
    ],
    [
      { name: "g", instanceTypes: ["large"] },
      'test/cluster/g: instanceTypes[0]: "large" is not an EC2 instance type; write family.size in lower case (example: m6i.large)',
    ],
    [
      { name: "g", httpPutResponseHopLimit: 0 },
      "test/cluster/g: httpPutResponseHopLimit: 0 is out of range; use 1 to 64 (1 keeps pods from reading the node role's credentials)",
    ],
    [
      { name: "g", maxUnavailable: 0 },
      'test/cluster/g: maxUnavailable: 0 is out of range; use a number of nodes from 1 to 100, or a percentage of the group from "1%" to "100%" (example: 1, or "25%" for large groups)',
    ],
    [
      { name: "g", maxUnavailable: "150%" as const },
      'test/cluster/g: maxUnavailable: "150%" is out of range; use a number of nodes from 1 to 100, or a percentage of the group from "1%" to "100%" (example: 1, or "25%" for large groups)',
    ],
    [
      { name: "a-node-group-name-of-thirty-seven-ch" + "x" },
      'test/cluster/a-node-group-name-of-thirty-seven-chx: name: "a-node-group-name-of-thirty-seven-chx" is not a valid node group name; use up to 36 letters, digits, "-" or "_" — EKS allows 63, less the 27 characters of the suffix that lets a replacement start beside the old group (example: general)',
    ],
  ])("bad options %p throw with the fix", (options, message) => {
    // GIVEN node group options out of range or malformed WHEN the group is added THEN it throws, naming the group, the option and the fix
    expect(() => withGroups(options)).toThrow(message);
  });

  test("renamedFrom moves the old group's node group and launch template to the new name (moved blocks), and keeps both resources", () => {
    // GIVEN general renamed to general-v2 WHEN synthesized
    const tf = withGroups({ name: "general-v2", renamedFrom: "general" });
    // THEN Terraform moves the old addresses to the new ones (the changed name prefix then replaces the group create-before-destroy)
    expect(tf.moved).toEqual([
      { from: "aws_launch_template.cluster_general_launch-template", to: "aws_launch_template.cluster_general-v2_launch-template" },
      { from: "aws_eks_node_group.cluster_general_node-group", to: "aws_eks_node_group.cluster_general-v2_node-group" },
    ]);
    expect(Object.keys(resources(tf, "aws_eks_node_group"))).toEqual(["cluster_general-v2_node-group"]);
    expect(only(tf, "aws_eks_node_group")).toMatchObject({
      node_group_name_prefix: "general-v2-",
      lifecycle: { create_before_destroy: true },
    });
    expect(Object.keys(resources(tf, "aws_launch_template"))).toEqual(["cluster_general-v2_launch-template"]);
    // AND without renamedFrom there is no moved block
    expect(withGroups({ name: "general" }).moved).toBeUndefined();
  });

  test("renamedFrom in a plain TerraformStack names the old group's hashed addresses", () => {
    // GIVEN a cdktf stack that hashes its addresses, with general, and then general renamed to workers
    const { App, TerraformStack } = require("cdktf");
    const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
    const synth = (...groups: NodeGroupOptions[]) => {
      const stack = new TerraformStack(new App({ outdir: require("node:os").tmpdir() }), "plain");
      new AwsProvider(stack, "aws", { region: "eu-west-1" });
      const cluster = new PrivateCluster(stack, "cluster", { name: "dev", subnetIds: ["subnet-a"] });
      for (const g of groups) cluster.addNodeGroup(g);
      return JSON.parse(require("cdktf").Testing.synth(stack));
    };
    const before = synth({ name: "general" });
    const after = synth({ name: "workers", renamedFrom: "general" });
    // THEN the moved blocks come from exactly the addresses the old group had
    const addresses = (tf: TfJson, type: string) => Object.keys(resources(tf, type)).map((n) => `${type}.${n}`);
    expect(after.moved.map((m: { from: string }) => m.from)).toEqual([
      ...addresses(before, "aws_launch_template"),
      ...addresses(before, "aws_eks_node_group"),
    ]);
    expect(after.moved.map((m: { to: string }) => m.to)).toEqual([
      ...addresses(after, "aws_launch_template"),
      ...addresses(after, "aws_eks_node_group"),
    ]);
  });

  test.each([
    [
      [{ name: "general" }, { name: "general-v2", renamedFrom: "general" }],
      'test/cluster: nodeGroups.general-v2.renamedFrom: "general" is still the name of node group general; a group can take over only a group that is gone: remove node group general to rename it, or remove renamedFrom to keep both groups',
    ],
    [
      [{ name: "general-v2", renamedFrom: "general" }, { name: "general" }],
      'test/cluster: nodeGroups.general-v2.renamedFrom: "general" is still the name of node group general; a group can take over only a group that is gone: remove node group general to rename it, or remove renamedFrom to keep both groups',
    ],
    [
      [
        { name: "a", renamedFrom: "old" },
        { name: "b", renamedFrom: "old" },
      ],
      'test/cluster: nodeGroups.b.renamedFrom: "old" is already renamed to node group a; an old group moves to one new group only: remove renamedFrom here (this group is then created new)',
    ],
    [
      [{ name: "a", renamedFrom: "a" }],
      'test/cluster: nodeGroups.a.renamedFrom: "a" is this group\'s own name; renamedFrom is the name the group had before, so remove it (nothing was renamed) or write the previous name',
    ],
  ] as [NodeGroupOptions[], string][])("renamedFrom that cannot be a rename is refused with the fix: %j", (groups, message) => {
    expect(() => withGroups(...groups)).toThrow(message);
  });

  test("two groups with one name", () => {
    // GIVEN two groups named g WHEN added THEN it throws: the name is already used by nodeGroups[0]
    expect(() => withGroups({ name: "g" }, { name: "g" })).toThrow(
      'test/cluster: name: "g" is already used by nodeGroups[0]; give every node group its own name',
    );
  });
});

describe("add-ons and ordering", () => {
  test("the four managed add-ons, taking over on create and keeping changes on update", () => {
    // GIVEN the add-ons of a cluster WHEN synthesized THEN coredns, eks-pod-identity-agent, kube-proxy and vpc-cni, each overwriting on create and preserving on update
    const addons = resources(withGroups({ name: "general" }), "aws_eks_addon");
    expect(
      Object.values(addons)
        .map((a: any) => a.addon_name)
        .sort(),
    ).toEqual(["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    for (const a of Object.values(addons))
      expect(a).toMatchObject({ resolve_conflicts_on_create: "OVERWRITE", resolve_conflicts_on_update: "PRESERVE" });
  });

  test("unpinned add-ons take EKS's default version for the cluster's Kubernetes version; latest takes the newest", () => {
    // GIVEN a cluster on 1.34 with one add-on on latest WHEN synthesized
    const { stack, cluster } = testCluster({ version: "1.34" });
    new ClusterAddons(stack, "addons", { cluster, versions: { coredns: "latest" } });
    const tf = synthJson(stack);
    // THEN each add-on reads its version for 1.34 at plan time
    const lookups = tf.data?.aws_eks_addon_version ?? {};
    expect(lookups["addons_vpc-cni-version"]).toEqual({ addon_name: "vpc-cni", kubernetes_version: "1.34", most_recent: false });
    expect(lookups["addons_coredns-version"]).toEqual({ addon_name: "coredns", kubernetes_version: "1.34", most_recent: true });
    expect(resources(tf, "aws_eks_addon")["addons_kube-proxy"].addon_version).toBe(
      "${data.aws_eks_addon_version.addons_kube-proxy-version.version}",
    );
  });

  test("the order is the cluster's: node groups added before the add-ons wait for them just the same", () => {
    // GIVEN node groups added first, add-ons second WHEN synthesized
    const { stack, cluster } = testCluster();
    cluster.addNodeGroup({ name: "general" });
    new ClusterAddons(stack, "addons", { cluster });
    cluster.addNodeGroup({ name: "batch" });
    const tf = synthJson(stack);
    // THEN both groups wait for the add-ons nodes need, and CoreDNS waits for both groups
    expectComputeOrder(tf, ["general", "batch"]);
  });

  test("a bad add-on version is refused with the fix", () => {
    // GIVEN an add-on version that is not vX.Y.Z-eksbuild.N or latest WHEN the add-ons are created THEN it throws with the fix
    const { stack, cluster } = testCluster();
    expect(() => new ClusterAddons(stack, "addons", { cluster, versions: { "vpc-cni": "1.19" } })).toThrow(
      "test/addons: versions.vpc-cni: \"1.19\" is not an add-on version; pin one in the form vX.Y.Z-eksbuild.N (example: v1.19.2-eksbuild.1), write latest for the newest, or leave it out for EKS's default for the cluster's Kubernetes version",
    );
  });

  test("nodes wait for the CNI, kube-proxy and the Pod Identity agent; CoreDNS waits for the nodes", () => {
    // GIVEN add-ons and two node groups WHEN synthesized THEN a group depends on vpc-cni, kube-proxy and the Pod Identity agent
    // AND CoreDNS depends on both groups, while vpc-cni depends on nothing
    const tf = withGroups({ name: "general" }, { name: "batch" });
    expectComputeOrder(tf, ["general", "batch"]);
    expect(resources(tf, "aws_eks_addon")["addons_vpc-cni"].depends_on).toBeUndefined();
  });

  test("pinned versions", () => {
    // GIVEN vpc-cni pinned to v1.19.2-eksbuild.1 WHEN synthesized THEN the add-on has that version
    const { stack, cluster } = testCluster();
    new ClusterAddons(stack, "addons", { cluster, versions: { "vpc-cni": "v1.19.2-eksbuild.1" } });
    expect(resources(synthJson(stack), "aws_eks_addon")["addons_vpc-cni"].addon_version).toBe("v1.19.2-eksbuild.1");
  });
});
