import { REPLACING_ATTRIBUTES, replacingChanges, replacingValues } from "../../../app/review/replacing-attributes";

const cluster = (extra: Record<string, unknown> = {}) => ({
  name: "dev",
  role_arn: "${aws_iam_role.cluster_role_role.arn}",
  encryption_config: { provider: { key_arn: "${aws_kms_key.cluster_key_key.arn}" }, resources: ["secrets"] },
  kubernetes_network_config: { service_ipv4_cidr: "172.20.0.0/16", ip_family: "ipv4" },
  access_config: { bootstrap_cluster_creator_admin_permissions: false },
  lifecycle: { ignore_changes: ["access_config[0].bootstrap_cluster_creator_admin_permissions"] },
  ...extra,
});
const labels = (before: object, after: object) =>
  replacingChanges("aws_eks_cluster", replacingValues("aws_eks_cluster", before), replacingValues("aws_eks_cluster", after)).map(
    (c) => c.attribute.label,
  );

describe("the replacing attributes (ForceNew in hashicorp/aws 5.100.0)", () => {
  test.each([
    ["service CIDR", { kubernetes_network_config: { service_ipv4_cidr: "10.100.0.0/16", ip_family: "ipv4" } }],
    ["IP family", { kubernetes_network_config: { service_ipv4_cidr: "172.20.0.0/16", ip_family: "ipv6" } }],
    ["secrets encryption", { encryption_config: undefined }],
    ["cluster name", { name: "prod" }],
  ])("%s changed → the cluster is replaced", (label, edit) => {
    // GIVEN a cluster WHEN one replacing attribute changes (service CIDR, IP family, secrets encryption removed, name) THEN that one replacement, by its label
    expect(labels(cluster(), cluster(edit))).toEqual([label]);
  });

  test("encryption added is not a replacement (the provider force-news only its removal)", () => {
    // GIVEN a cluster without secrets encryption WHEN encryption is added THEN no replacement
    expect(labels(cluster({ encryption_config: undefined }), cluster())).toEqual([]);
  });

  test("an attribute in lifecycle.ignore_changes is not a replacement", () => {
    // GIVEN a cluster ignoring changes to the creator-admin flag WHEN that flag changes THEN no replacement
    expect(labels(cluster(), cluster({ access_config: { bootstrap_cluster_creator_admin_permissions: true } }))).toEqual([]);
  });

  test("node group subnets are a set: reordering them is no change", () => {
    // GIVEN a node group's subnets WHEN reordered THEN no replacement; WHEN one is swapped THEN a subnets replacement
    const g = (subnets: string[]) => replacingValues("aws_eks_node_group", { node_group_name: "general", subnet_ids: subnets });
    expect(replacingChanges("aws_eks_node_group", g(["a", "b"]), g(["b", "a"]))).toEqual([]);
    expect(replacingChanges("aws_eks_node_group", g(["a", "b"]), g(["a", "c"])).map((c) => c.attribute.label)).toEqual(["subnets"]);
  });

  test("the node group list holds what day-2 treats as create-before-destroy", () => {
    // GIVEN the node group's replacing attributes THEN they include instance types, capacity type, AMI type, subnets, name and name prefix
    expect(REPLACING_ATTRIBUTES.aws_eks_node_group.map((a) => a.path)).toEqual(
      expect.arrayContaining(["instance_types", "capacity_type", "ami_type", "subnet_ids", "node_group_name", "node_group_name_prefix"]),
    );
  });
});
