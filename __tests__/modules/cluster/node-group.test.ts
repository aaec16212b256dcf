import { ClusterAddons } from "../../../modules/cluster/addons";
import { NodeGroupOptions } from "../../../modules/cluster/node-group";
import { PrivateCluster } from "../../../modules/cluster/private-cluster";
import { TfJson, only, resources } from "../../support/environment";
import { synthJson, testStack } from "../../support/fixture";

function withGroups(...groups: NodeGroupOptions[]): TfJson {
  const stack = testStack();
  const cluster = new PrivateCluster(stack, "cluster", { name: "dev", subnetIds: ["subnet-a", "subnet-b"] });
  const addons = new ClusterAddons(stack, "addons", { clusterName: cluster.name });
  const nodeGroups = groups.map((g) => cluster.addNodeGroup(g, addons.beforeNodes));
  addons.addAfterNodes(nodeGroups.map((g) => g.nodeGroup));
  return synthJson(stack);
}

describe("managed node groups", () => {
  test("launch template: IMDSv2 required with hop limit 1, encrypted gp3 root, monitoring, no SSH key, no public IP", () => {
    const template = only(withGroups({ name: "general" }), "aws_launch_template");
    expect(template.metadata_options).toEqual({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 });
    expect(template.block_device_mappings).toEqual([
      { device_name: "/dev/xvda", ebs: { volume_size: 50, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" } },
    ]);
    expect(template.monitoring).toEqual({ enabled: true });
    expect(template.key_name).toBeUndefined();
    expect(template.network_interfaces).toBeUndefined();
  });

  test("the node group: defaults, private subnets, the template, and desired size left to the autoscaler", () => {
    const group = only(withGroups({ name: "general" }), "aws_eks_node_group");
    expect(group).toMatchObject({
      node_group_name: "general",
      instance_types: ["m6i.large"],
      capacity_type: "ON_DEMAND",
      ami_type: "AL2023_x86_64_STANDARD",
      subnet_ids: ["subnet-a", "subnet-b"],
      scaling_config: { min_size: 2, max_size: 4, desired_size: 2 },
      launch_template: { id: "${aws_launch_template.cluster_general_launch-template.id}", version: "${aws_launch_template.cluster_general_launch-template.latest_version}" },
      lifecycle: { ignore_changes: ["scaling_config[0].desired_size"] },
    });
  });

  test("the node role: worker, CNI and ECR read-only policies, and nothing else", () => {
    const tf = withGroups({ name: "general" });
    const attachments = Object.entries(resources(tf, "aws_iam_role_policy_attachment")).filter(([k]) => k.startsWith("cluster_node-role"));
    expect(attachments.map(([, a]) => a.policy_arn.split("/").pop()).sort()).toEqual(["AmazonEC2ContainerRegistryReadOnly", "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy"]);
    expect(resources(tf, "aws_iam_role")["cluster_node-role_role"].name).toBe("dev-node");
    expect(resources(tf, "aws_iam_role_policy")).toEqual({});
  });

  test("groups are keyed by name: reordering changes no address", () => {
    const a = withGroups({ name: "general" }, { name: "spot", capacityType: "SPOT", instanceTypes: ["m7g.large"], labels: { lifecycle: "spot" }, taints: [{ key: "spot", value: "true", effect: "NO_SCHEDULE" }] });
    const b = withGroups({ name: "spot", capacityType: "SPOT", instanceTypes: ["m7g.large"], labels: { lifecycle: "spot" }, taints: [{ key: "spot", value: "true", effect: "NO_SCHEDULE" }] }, { name: "general" });
    expect(Object.keys(resources(a, "aws_eks_node_group")).sort()).toEqual(["cluster_general_node-group", "cluster_spot_node-group"]);
    expect(resources(b, "aws_eks_node_group")["cluster_spot_node-group"]).toEqual(resources(a, "aws_eks_node_group")["cluster_spot_node-group"]);
    expect(resources(a, "aws_eks_node_group")["cluster_spot_node-group"]).toMatchObject({
      ami_type: "AL2023_ARM_64_STANDARD",
      capacity_type: "SPOT",
      labels: { lifecycle: "spot" },
      taint: [{ key: "spot", value: "true", effect: "NO_SCHEDULE" }],
    });
  });

  test("the hop limit is configurable per group", () => {
    expect(only(withGroups({ name: "legacy", httpPutResponseHopLimit: 2 }), "aws_launch_template").metadata_options.http_put_response_hop_limit).toBe(2);
  });

  test.each([
    [{ name: "g", minSize: 5, maxSize: 2 }, "test/cluster/g: minSize: 5 is greater than maxSize (2); make minSize ≤ desiredSize ≤ maxSize"],
    [{ name: "g", desiredSize: 9 }, "test/cluster/g: desiredSize: 9 is outside minSize..maxSize (2..4); make minSize ≤ desiredSize ≤ maxSize"],
    [{ name: "g", instanceTypes: ["large"] }, 'test/cluster/g: instanceTypes[0]: "large" is not an EC2 instance type; write family.size in lower case (example: m6i.large)'],
    [{ name: "g", httpPutResponseHopLimit: 0 }, "test/cluster/g: httpPutResponseHopLimit: 0 is out of range; use 1 to 64 (1 is recommended)"],
  ])("bad options %p throw with the fix", (options, message) => {
    expect(() => withGroups(options)).toThrow(message);
  });

  test("two groups with one name", () => {
    expect(() => withGroups({ name: "g" }, { name: "g" })).toThrow('test/cluster: nodeGroups.g: "g" is already used by another group; give every node group its own name');
  });
});

describe("add-ons and ordering", () => {
  test("the four managed add-ons, taking over on create and keeping changes on update", () => {
    const addons = resources(withGroups({ name: "general" }), "aws_eks_addon");
    expect(Object.values(addons).map((a: any) => a.addon_name).sort()).toEqual(["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    for (const a of Object.values(addons)) expect(a).toMatchObject({ resolve_conflicts_on_create: "OVERWRITE", resolve_conflicts_on_update: "PRESERVE" });
    for (const a of Object.values(addons)) expect(a.addon_version).toBeUndefined();
  });

  test("nodes wait for the CNI, kube-proxy and the Pod Identity agent; CoreDNS waits for the nodes", () => {
    const tf = withGroups({ name: "general" }, { name: "batch" });
    expect(resources(tf, "aws_eks_node_group")["cluster_general_node-group"].depends_on).toEqual(
      expect.arrayContaining(["aws_eks_addon.addons_vpc-cni", "aws_eks_addon.addons_kube-proxy", "aws_eks_addon.addons_eks-pod-identity-agent"]),
    );
    expect(resources(tf, "aws_eks_addon")["addons_coredns"].depends_on).toEqual(["aws_eks_node_group.cluster_general_node-group", "aws_eks_node_group.cluster_batch_node-group"]);
    expect(resources(tf, "aws_eks_addon")["addons_vpc-cni"].depends_on).toBeUndefined();
  });

  test("pinned versions", () => {
    const stack = testStack();
    new ClusterAddons(stack, "addons", { clusterName: "dev", versions: { "vpc-cni": "v1.19.2-eksbuild.1" } });
    expect(resources(synthJson(stack), "aws_eks_addon")["addons_vpc-cni"].addon_version).toBe("v1.19.2-eksbuild.1");
  });
});
