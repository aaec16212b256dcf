import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadEnvironments } from "../../lib/config/load";
import { ROOT, clusterJson, only, resources, synthEnvironment } from "../support/environment";

describe("the <name>-cluster stack", () => {
  test("outputs, each with a description: name, ARN, endpoint, bastion, the exact tunnel command, a kubeconfig", () => {
    const tf = clusterJson();
    expect(Object.keys(tf.output!).sort()).toEqual(["bastion_instance_id", "cluster_arn", "cluster_endpoint", "cluster_name", "kubeconfig", "tunnel_command"]);
    for (const output of Object.values(tf.output!)) expect(output.description.length).toBeGreaterThan(40);
    expect(tf.output!.tunnel_command.value).toBe(
      'aws ssm start-session --target ${aws_instance.bastion_instance.id} --document-name AWS-StartPortForwardingSessionToRemoteHost --parameters host=${replace(aws_eks_cluster.cluster_cluster.endpoint, "https://", "")},portNumber=443,localPortNumber=8443',
    );
    const kubeconfig: string = tf.output!.kubeconfig.value;
    expect(kubeconfig).toContain("server: https://localhost:8443\n");
    expect(kubeconfig).toContain('tls-server-name: ${replace(aws_eks_cluster.cluster_cluster.endpoint, "https://", "")}\n');
    expect(kubeconfig).toContain("args: [eks, get-token, --cluster-name, ${aws_eks_cluster.cluster_cluster.name}, --region, eu-west-1]");
  });

  test("the bastion's role gets an access entry (cluster admin at cluster scope by default)", () => {
    const tf = clusterJson();
    expect(resources(tf, "aws_eks_access_entry")["cluster_access_bastion"]).toMatchObject({ principal_arn: "${aws_iam_role.bastion_role_role.arn}", type: "STANDARD" });
    expect(resources(tf, "aws_eks_access_policy_association")["cluster_access_bastion_AmazonEKSClusterAdminPolicy"]).toMatchObject({
      policy_arn: "arn:${data.aws_partition.context_partition.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      access_scope: { type: "cluster" },
    });
    const viewer = clusterJson({ bastion: { accessPolicy: "AmazonEKSAdminViewPolicy" } });
    expect(Object.keys(resources(viewer, "aws_eks_access_policy_association"))).toContain("cluster_access_bastion_AmazonEKSAdminViewPolicy");
  });

  test("bastion disabled: no instance, no tunnel outputs, no bastion entry", () => {
    const tf = clusterJson({ bastion: { enabled: false } });
    expect(resources(tf, "aws_instance")).toEqual({});
    expect(Object.keys(tf.output!).sort()).toEqual(["cluster_arn", "cluster_endpoint", "cluster_name"]);
    expect(resources(tf, "aws_eks_access_entry")["cluster_access_bastion"]).toBeUndefined();
  });

  test("nothing but CoreDNS waits for the node groups: the bastion and access entries do not sit behind them", () => {
    const tf = clusterJson();
    const waitsForNodes = (r: any) => JSON.stringify(r).includes("aws_eks_node_group.");
    for (const [type, byName] of Object.entries(tf.resource!)) {
      for (const [name, r] of Object.entries(byName)) {
        if (type === "aws_eks_addon" && name === "addons_coredns") expect(waitsForNodes(r)).toBe(true);
        else expect([type, name, waitsForNodes(r)]).toEqual([type, name, false]);
      }
    }
  });

  test("the cluster is placed in the private subnets", () => {
    expect(only(clusterJson(), "aws_eks_cluster").vpc_config.subnet_ids).toEqual([
      "${aws_subnet.network_private-0.id}",
      "${aws_subnet.network_private-1.id}",
      "${aws_subnet.network_private-2.id}",
    ]);
  });

  test("cluster.name overrides the environment name", () => {
    expect(only(clusterJson({ cluster: { name: "payments-dev" } }), "aws_eks_cluster").name).toBe("payments-dev");
  });

  test("no Kubernetes provider, no Kubernetes resource and nothing named aws-auth, for every shipped config", () => {
    const files = readdirSync(join(ROOT, "config")).filter((f) => f.endsWith(".yaml")).map((f) => join(ROOT, "config", f));
    for (const { config } of loadEnvironments(files)) {
      const tf = synthEnvironment(config)[`${config.name}-cluster`];
      expect(Object.keys(tf.provider ?? {})).toEqual(["aws"]);
      expect(Object.keys(tf.terraform.required_providers)).toEqual(["aws"]);
      expect(Object.keys(tf.resource ?? {}).filter((t) => !t.startsWith("aws_"))).toEqual([]);
      expect(Object.keys(tf.data ?? {}).filter((t) => !t.startsWith("aws_"))).toEqual([]);
      expect(JSON.stringify(tf)).not.toMatch(/aws-auth|kubernetes_/);
    }
  });
});
