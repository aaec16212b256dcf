import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { parse } from "yaml";
import { addEnvironment } from "../../stacks/environment";
import { devConfig, synthEnvironment } from "../support/environment";

const MIGRATING = {
  cluster: { authenticationMode: "API_AND_CONFIG_MAP" },
  accessEntries: [{ principalARN: "arn:aws:iam::111122223333:role/eks-admins", accessPolicies: [{ policyARN: "AmazonEKSClusterAdminPolicy" }] }],
  legacyAwsAuth: {
    mapRoles: [{ rolearn: "arn:aws:iam::111122223333:role/eks-admins", username: "cluster-admin", groups: ["system:masters"] }],
    mapUsers: [{ userarn: "arn:aws:iam::111122223333:user/alice", groups: ["viewers"] }],
  },
};

describe("the <name>-in-cluster stack", () => {
  test("exists only while aws-auth mappings are kept in API_AND_CONFIG_MAP mode", () => {
    expect(Object.keys(synthEnvironment(devConfig()))).toEqual(["dev-cluster"]);
    expect(Object.keys(synthEnvironment(devConfig({ cluster: { authenticationMode: "API_AND_CONFIG_MAP" } })))).toEqual(["dev-cluster"]);
    expect(Object.keys(synthEnvironment(devConfig(MIGRATING)))).toEqual(["dev-cluster", "dev-in-cluster"]);
  });

  test("patches the aws-auth ConfigMap EKS created (never creates it), keeping the node role's mapping first", () => {
    const tf = synthEnvironment(devConfig(MIGRATING))["dev-in-cluster"];
    expect(Object.keys(tf.resource!)).toEqual(["kubernetes_config_map_v1_data"]);
    const cm = tf.resource!.kubernetes_config_map_v1_data["legacy_aws-auth"];
    expect(cm.metadata).toEqual({ name: "aws-auth", namespace: "kube-system" });
    expect(cm.force).toBe(true);
    expect(parse(cm.data.mapRoles)).toEqual([
      {
        rolearn: "${data.terraform_remote_state.cross-stack-reference-input-dev-cluster.outputs.cross-stack-output-aws_iam_role-cluster_node-role_role-arn}",
        username: "system:node:{{EC2PrivateDNSName}}",
        groups: ["system:bootstrappers", "system:nodes"],
      },
      { rolearn: "arn:aws:iam::111122223333:role/eks-admins", username: "cluster-admin", groups: ["system:masters"] },
    ]);
    expect(parse(cm.data.mapUsers)).toEqual([{ userarn: "arn:aws:iam::111122223333:user/alice", groups: ["viewers"] }]);
  });

  test("the kubernetes provider comes from the cluster stack's state, with exec auth", () => {
    const tf = synthEnvironment(devConfig(MIGRATING))["dev-in-cluster"];
    const provider = tf.provider!.kubernetes[0];
    expect(provider).toEqual({
      host: "${data.terraform_remote_state.cross-stack-reference-input-dev-cluster.outputs.cross-stack-output-aws_eks_cluster-cluster_cluster-endpoint}",
      cluster_ca_certificate: "${base64decode(data.terraform_remote_state.cross-stack-reference-input-dev-cluster.outputs.cross-stack-output-aws_eks_cluster-cluster_cluster-certificate_authority-0--data)}",
      exec: [{ api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", "dev", "--region", "eu-west-1"] }],
    });
    expect(tf.data!.terraform_remote_state["cross-stack-reference-input-dev-cluster"]).toMatchObject({ backend: "local" });
    expect(Object.keys(tf.terraform.required_providers)).toEqual(["kubernetes"]);
  });

  test("through the tunnel: host is the local port, tls_server_name keeps the endpoint's certificate verified", () => {
    const tf = synthEnvironment(devConfig({ ...MIGRATING, inCluster: { apiServerUrl: "https://localhost:8443" } }))["dev-in-cluster"];
    expect(tf.provider!.kubernetes[0]).toMatchObject({
      host: "https://localhost:8443",
      tls_server_name: '${replace(data.terraform_remote_state.cross-stack-reference-input-dev-cluster.outputs.cross-stack-output-aws_eks_cluster-cluster_cluster-endpoint, "https://", "")}',
    });
  });

  test("the cluster stack exports what the in-cluster stack reads, and is its dependency", () => {
    const outdir = mkdtempSync(join(tmpdir(), "private-eks-in-cluster-"));
    const app = new App({ outdir });
    addEnvironment(app, devConfig(MIGRATING));
    app.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(manifest.stacks["dev-in-cluster"].dependencies).toEqual(["dev-cluster"]);
    const cluster = JSON.parse(readFileSync(join(outdir, "stacks", "dev-cluster", "cdk.tf.json"), "utf8"));
    expect(Object.keys(cluster.output).filter((o) => o.startsWith("cross-stack-output")).sort()).toEqual([
      "cross-stack-output-aws_eks_cluster-cluster_cluster-certificate_authority-0--data",
      "cross-stack-output-aws_eks_cluster-cluster_cluster-endpoint",
      "cross-stack-output-aws_iam_role-cluster_node-role_role-arn",
    ]);
    // Still no Kubernetes anything in the cluster stack.
    expect(JSON.stringify(cluster)).not.toMatch(/aws-auth|kubernetes_/);
  });
});
