import { readdirSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { loadEnvironments, parseEnvironment } from "../../environment/load";
import { defaultTunnelPort } from "../../environment/schema/bastion";
import { ROOT, clusterJson, devInput, merge, nonEmpty, only, resources, synthEnvironment } from "../support/environment";

describe("the <name>-cluster stack", () => {
  test("outputs, each with a description: name, ARN, endpoint, bastion, the exact tunnel command (region, the environment's port), a kubeconfig on that port", () => {
    // GIVEN the shipped dev environment (no bastion.localPort: dev's derived port is 8534)
    const tf = clusterJson();
    // THEN the outputs are all there and described
    expect(Object.keys(tf.output!).sort()).toEqual([
      "bastion_instance_id",
      "cluster_arn",
      "cluster_endpoint",
      "cluster_name",
      "kubeconfig",
      "tunnel_command",
    ]);
    for (const output of Object.values(tf.output!)) expect(output.description.length).toBeGreaterThan(40);
    // AND the tunnel names its region and listens on dev's port, which the kubeconfig uses too
    expect(tf.output!.tunnel_command.value).toBe(
      'aws ssm start-session --region eu-west-1 --target ${aws_instance.bastion_instance.id} --document-name AWS-StartPortForwardingSessionToRemoteHost --parameters host=${replace(aws_eks_cluster.cluster_cluster.endpoint, "https://", "")},portNumber=443,localPortNumber=8534',
    );
    expect(tf.output!.tunnel_command.description).toContain("localhost:8534");
    const kubeconfig: string = tf.output!.kubeconfig.value;
    expect(kubeconfig).toContain("server: https://localhost:8534\n");
    expect(kubeconfig).toContain('tls-server-name: ${replace(aws_eks_cluster.cluster_cluster.endpoint, "https://", "")}\n');
    expect(kubeconfig).toContain("args: [eks, get-token, --cluster-name, ${aws_eks_cluster.cluster_cluster.name}, --region, eu-west-1]");
  });

  test("bastion.localPort: the tunnel and the kubeconfig use it; the default is derived from the name, in 8443-8999", () => {
    // GIVEN an explicit port WHEN synthesized THEN both outputs use it
    const tf = clusterJson({ bastion: { localPort: 9443 } });
    expect(tf.output!.tunnel_command.value).toMatch(/,localPortNumber=9443$/);
    expect(tf.output!.kubeconfig.value).toContain("server: https://localhost:9443\n");
    // AND derived defaults are stable, in range, and differ between typical names
    const ports = ["dev", "staging", "prod"].map((name) => defaultTunnelPort(name));
    expect(ports).toEqual([8534, 8969, 8758]);
    for (let i = 0; i < 500; i++)
      expect(defaultTunnelPort(`env-${i}`)).toBeGreaterThanOrEqual(8443), expect(defaultTunnelPort(`env-${i}`)).toBeLessThanOrEqual(8999);
  });

  test.each([
    [443, "bastion.localPort: 443 is not a local port for the tunnel; use a whole number from 1024 to 65535 (example: 8443)"],
    [70000, "bastion.localPort: 70000 is not a local port for the tunnel; use a whole number from 1024 to 65535 (example: 8443)"],
    [8443.5, "bastion.localPort: 8443.5 is not a local port for the tunnel; use a whole number from 1024 to 65535 (example: 8443)"],
    ["8443", 'bastion.localPort: expected a number, got "8443" (example: 8443)'],
  ])("bastion.localPort %p is refused with the fix", (localPort, message) => {
    // GIVEN dev.yaml with a bad port WHEN validated THEN one line: file, key path, fix
    expect(parseEnvironment(stringify(merge(devInput(), { bastion: { localPort } })), "config/dev.yaml").lines).toEqual([
      `config/dev.yaml: ${message}`,
    ]);
  });

  test("the bastion's role gets no access entry by default; a policy is an explicit choice", () => {
    // GIVEN the default (bastion.accessPolicy: none)
    const tf = clusterJson();
    // THEN no entry names the bastion's role
    expect(resources(tf, "aws_eks_access_entry")["cluster_access_bastion"]).toBeUndefined();
    expect(JSON.stringify(resources(tf, "aws_eks_access_entry"))).not.toContain("bastion");
    // WHEN a policy is granted THEN the entry and its association exist, at cluster scope
    const viewer = clusterJson({ bastion: { accessPolicy: "AmazonEKSAdminViewPolicy" } });
    expect(resources(viewer, "aws_eks_access_entry")["cluster_access_bastion"]).toMatchObject({
      principal_arn: "${aws_iam_role.bastion_role_role.arn}",
      type: "STANDARD",
    });
    expect(resources(viewer, "aws_eks_access_policy_association")["cluster_access_bastion_AmazonEKSAdminViewPolicy"]).toMatchObject({
      policy_arn: "arn:${data.aws_partition.context_partition.partition}:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy",
      access_scope: { type: "cluster" },
    });
  });

  test("bastion disabled: no instance, no tunnel, no bastion entry; a kubeconfig straight to the endpoint", () => {
    // GIVEN a public endpoint and no bastion
    const tf = clusterJson({
      bastion: { enabled: false },
      cluster: { endpoint: "public-and-private", publicAccessCidrs: ["203.0.113.0/24"] },
    });
    expect(resources(tf, "aws_instance")).toEqual({});
    expect(resources(tf, "aws_eks_access_entry")["cluster_access_bastion"]).toBeUndefined();
    // THEN the outputs hold no tunnel, and the kubeconfig talks to the endpoint itself (no tls-server-name)
    expect(Object.keys(tf.output!).sort()).toEqual(["cluster_arn", "cluster_endpoint", "cluster_name", "kubeconfig"]);
    const kubeconfig: string = tf.output!.kubeconfig.value;
    expect(kubeconfig).toContain(
      "      server: ${aws_eks_cluster.cluster_cluster.endpoint}\n      certificate-authority-data: ${aws_eks_cluster.cluster_cluster.certificate_authority[0].data}\n",
    );
    expect(kubeconfig).not.toContain("tls-server-name");
    expect(kubeconfig).toContain("args: [eks, get-token, --cluster-name, ${aws_eks_cluster.cluster_cluster.name}, --region, eu-west-1]");
  });

  test("nothing but CoreDNS waits for the node groups: the bastion and access entries do not sit behind them", () => {
    // GIVEN the shipped dev environment's cluster stack THEN only the CoreDNS add-on refers to a node group; no other resource waits for one
    const tf = clusterJson();
    const waitsForNodes = (r: any) => JSON.stringify(r).includes("aws_eks_node_group.");
    for (const [type, byName] of nonEmpty(Object.entries(tf.resource!))) {
      for (const [name, r] of nonEmpty(Object.entries(byName))) {
        if (type === "aws_eks_addon" && name === "addons_coredns") expect(waitsForNodes(r)).toBe(true);
        else expect([type, name, waitsForNodes(r)]).toEqual([type, name, false]);
      }
    }
  });

  test("the cluster is placed in the private subnets", () => {
    // GIVEN the shipped dev environment's cluster stack THEN the cluster's subnets are the three private subnets
    expect(only(clusterJson(), "aws_eks_cluster").vpc_config.subnet_ids).toEqual([
      "${aws_subnet.network_private-0.id}",
      "${aws_subnet.network_private-1.id}",
      "${aws_subnet.network_private-2.id}",
    ]);
  });

  test("cluster.name overrides the environment name", () => {
    // GIVEN cluster.name payments-dev WHEN synthesized THEN the EKS cluster is named payments-dev
    expect(only(clusterJson({ cluster: { name: "payments-dev" } }), "aws_eks_cluster").name).toBe("payments-dev");
  });

  test("no Kubernetes provider, no Kubernetes resource and nothing named aws-auth, for every shipped config", () => {
    // GIVEN every shipped environment WHEN synthesized THEN its cluster stack has only the aws provider, AWS resources (and terraform_data) and AWS data sources
    // and mentions neither aws-auth nor a kubernetes_ resource
    const files = readdirSync(join(ROOT, "config"))
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => join(ROOT, "config", f));
    for (const { config } of nonEmpty(loadEnvironments(files))) {
      const tf = synthEnvironment(config)[`${config.name}-cluster`];
      expect(Object.keys(tf.provider ?? {})).toEqual(["aws"]);
      expect(Object.keys(tf.terraform.required_providers)).toEqual(["aws"]);
      // terraform_data is Terraform's own (built-in provider), not Kubernetes.
      expect(Object.keys(tf.resource ?? {}).filter((t) => !t.startsWith("aws_") && t !== "terraform_data")).toEqual([]);
      expect(Object.keys(tf.data ?? {}).filter((t) => !t.startsWith("aws_"))).toEqual([]);
      expect(JSON.stringify(tf)).not.toMatch(/aws-auth|kubernetes_(?!version)/);
    }
  });
});
