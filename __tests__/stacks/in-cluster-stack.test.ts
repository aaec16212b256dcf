import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { parse, stringify } from "yaml";
import { parseEnvironment } from "../../environment/load";
import { addEnvironment } from "../../stacks/environment";
import { devConfig, devInput, merge, resources, synthEnvironment } from "../support/environment";

const MIGRATING = {
  cluster: { authenticationMode: "API_AND_CONFIG_MAP" },
  accessEntries: [
    { principalARN: "arn:aws:iam::111122223333:role/eks-admins", accessPolicies: [{ policyARN: "AmazonEKSClusterAdminPolicy" }] },
  ],
  legacyAwsAuth: {
    mapRoles: [{ rolearn: "arn:aws:iam::111122223333:role/eks-admins", username: "cluster-admin", groups: ["system:masters"] }],
    mapUsers: [{ userarn: "arn:aws:iam::111122223333:user/alice", groups: ["viewers"] }],
  },
  inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" },
};

describe("the <name>-in-cluster stack", () => {
  test("exists only while aws-auth mappings are kept in API_AND_CONFIG_MAP mode", () => {
    // GIVEN dev in API mode, dev in API_AND_CONFIG_MAP without mappings, and dev migrating with aws-auth mappings kept WHEN synthesized
    // THEN only the migrating one has an in-cluster stack
    expect(Object.keys(synthEnvironment(devConfig()))).toEqual(["dev-cluster"]);
    expect(Object.keys(synthEnvironment(devConfig({ cluster: { authenticationMode: "API_AND_CONFIG_MAP" } })))).toEqual(["dev-cluster"]);
    expect(Object.keys(synthEnvironment(devConfig(MIGRATING)))).toEqual(["dev-cluster", "dev-in-cluster"]);
  });

  test("patches the aws-auth ConfigMap EKS created (never creates it), keeping the node role's mapping first", () => {
    // GIVEN a migrating environment WHEN synthesized THEN the in-cluster stack only patches the data of kube-system/aws-auth, forcing ownership of it
    // AND mapRoles holds the node role (from the cluster stack) first, then the kept mappings; mapUsers the kept users
    const tf = synthEnvironment(devConfig(MIGRATING))["dev-in-cluster"];
    expect(Object.keys(tf.resource!)).toEqual(["kubernetes_config_map_v1_data"]);
    const cm = tf.resource!.kubernetes_config_map_v1_data["legacy_aws-auth"];
    expect(cm.metadata).toEqual({ name: "aws-auth", namespace: "kube-system" });
    expect(cm.force).toBe(true);
    expect(parse(cm.data.mapRoles)).toEqual([
      {
        rolearn:
          "${data.terraform_remote_state.cross-stack-reference-input-dev-cluster.outputs.cross-stack-output-aws_iam_role-cluster_node-role_role-arn}",
        username: "system:node:{{EC2PrivateDNSName}}",
        groups: ["system:bootstrappers", "system:nodes"],
      },
      { rolearn: "arn:aws:iam::111122223333:role/eks-admins", username: "cluster-admin", groups: ["system:masters"] },
    ]);
    expect(parse(cm.data.mapUsers)).toEqual([{ userarn: "arn:aws:iam::111122223333:user/alice", groups: ["viewers"] }]);
  });

  test("the kubernetes provider comes from the cluster stack's state, with exec auth", () => {
    // GIVEN a migrating environment WHEN synthesized THEN the kubernetes provider takes the endpoint and CA from the cluster stack's state
    // and authenticates with aws eks get-token for the cluster and region; the state is read locally, and kubernetes is the only provider required
    const tf = synthEnvironment(devConfig(MIGRATING))["dev-in-cluster"];
    const provider = tf.provider!.kubernetes[0];
    expect(provider).toEqual({
      host: "${data.terraform_remote_state.cross-stack-reference-input-dev-cluster.outputs.cross-stack-output-aws_eks_cluster-cluster_cluster-endpoint}",
      cluster_ca_certificate:
        "${base64decode(data.terraform_remote_state.cross-stack-reference-input-dev-cluster.outputs.cross-stack-output-aws_eks_cluster-cluster_cluster-certificate_authority-0--data)}",
      exec: [
        {
          api_version: "client.authentication.k8s.io/v1beta1",
          command: "aws",
          args: ["eks", "get-token", "--cluster-name", "dev", "--region", "eu-west-1"],
        },
      ],
    });
    expect(tf.data!.terraform_remote_state["cross-stack-reference-input-dev-cluster"]).toMatchObject({ backend: "local" });
    expect(Object.keys(tf.terraform.required_providers)).toEqual(["kubernetes"]);
  });

  test("through the tunnel: host is the local port, tls_server_name keeps the endpoint's certificate verified", () => {
    // GIVEN a migrating environment with apiServerUrl https://localhost:8443 WHEN synthesized
    // THEN the provider's host is that URL, and tls_server_name is the endpoint's host name
    const tf = synthEnvironment(devConfig({ ...MIGRATING, inCluster: { ...MIGRATING.inCluster, apiServerUrl: "https://localhost:8443" } }))[
      "dev-in-cluster"
    ];
    expect(tf.provider!.kubernetes[0]).toMatchObject({
      host: "https://localhost:8443",
      tls_server_name:
        '${replace(data.terraform_remote_state.cross-stack-reference-input-dev-cluster.outputs.cross-stack-output-aws_eks_cluster-cluster_cluster-endpoint, "https://", "")}',
    });
  });

  test("the deploy role gets AmazonEKSEditPolicy in exactly the namespaces the stack writes to", () => {
    // GIVEN aws-auth mappings kept and an IRSA role whose ServiceAccount the stack creates
    const irsa = {
      namespace: "jobs",
      serviceAccountName: "runner",
      mechanism: "irsa",
      permissionPolicyARNs: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    };
    const tf = synthEnvironment(devConfig({ ...MIGRATING, podRoles: [irsa] }))["dev-cluster"];
    // THEN the deploy role has an entry, and an Edit association scoped to kube-system (aws-auth) and jobs
    expect(resources(tf, "aws_eks_access_entry")["cluster_access_github-deploy"]).toMatchObject({
      principal_arn: "arn:aws:iam::111122223333:role/github-deploy",
      type: "STANDARD",
    });
    expect(resources(tf, "aws_eks_access_policy_association")["cluster_access_github-deploy_AmazonEKSEditPolicy"].access_scope).toEqual({
      type: "namespace",
      namespaces: ["jobs", "kube-system"],
    });
    // AND without an in-cluster stack the role gets nothing, even when named
    const none = synthEnvironment(devConfig({ inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" } }))[
      "dev-cluster"
    ];
    expect(resources(none, "aws_eks_access_entry")["cluster_access_github-deploy"]).toBeUndefined();
  });

  test("the deploy role's own entry in accessEntries keeps its policies and gains Edit (one entry per principal)", () => {
    // GIVEN the deploy role is also the operators' admin role
    const tf = synthEnvironment(devConfig({ ...MIGRATING, inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/eks-admins" } }))[
      "dev-cluster"
    ];
    // THEN it has one entry with both associations
    expect(Object.keys(resources(tf, "aws_eks_access_entry")).filter((k) => k.includes("eks-admins"))).toEqual([
      "cluster_access_eks-admins",
    ]);
    expect(
      Object.keys(resources(tf, "aws_eks_access_policy_association"))
        .filter((k) => k.includes("eks-admins"))
        .sort(),
    ).toEqual(["cluster_access_eks-admins_AmazonEKSClusterAdminPolicy", "cluster_access_eks-admins_AmazonEKSEditPolicy"]);
  });

  test("an in-cluster stack without inCluster.deployRoleARN is a config error naming what needs it", () => {
    // GIVEN mappings kept and a ServiceAccount created, but no deploy role
    const data = merge(devInput(), {
      ...MIGRATING,
      inCluster: {},
      podRoles: [
        {
          namespace: "jobs",
          serviceAccountName: "runner",
          mechanism: "irsa",
          permissionPolicyARNs: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        },
      ],
    });
    // WHEN validated THEN one problem, at inCluster.deployRoleARN
    expect(parseEnvironment(stringify(data), "config/dev.yaml").lines).toEqual([
      "config/dev.yaml: inCluster.deployRoleARN: is required: dev-in-cluster writes legacyAwsAuth mappings, podRoles[0]'s ServiceAccount jobs/runner through the Kubernetes API, and the role that deploys it needs an access entry; name that role (example: arn:aws:iam::111122223333:role/github-deploy, deploy.yml's AWS_DEPLOY_ROLE_ARN)",
    ]);
    // AND a session ARN is not a deploy role
    expect(
      parseEnvironment(
        stringify(merge(devInput(), { inCluster: { deployRoleARN: "arn:aws:sts::111122223333:assumed-role/deploy/ci" } })),
        "config/dev.yaml",
      ).lines,
    ).toEqual([
      "config/dev.yaml: inCluster.deployRoleARN: arn:aws:sts::111122223333:assumed-role/deploy/ci is an STS session, not an IAM principal; use the role's ARN arn:aws:iam::111122223333:role/deploy (with its path, if it has one)",
    ]);
  });

  test("the cluster stack exports what the in-cluster stack reads, and is its dependency", () => {
    // GIVEN a migrating environment WHEN synthesized into an outdir THEN the manifest makes dev-in-cluster depend on dev-cluster
    const outdir = mkdtempSync(join(tmpdir(), "private-eks-in-cluster-"));
    const app = new App({ outdir });
    addEnvironment(app, devConfig(MIGRATING));
    app.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(manifest.stacks["dev-in-cluster"].dependencies).toEqual(["dev-cluster"]);
    // AND the cluster stack's cross-stack outputs are exactly the CA data, endpoint and node role ARN the in-cluster stack reads
    const cluster = JSON.parse(readFileSync(join(outdir, "stacks", "dev-cluster", "cdk.tf.json"), "utf8"));
    expect(
      Object.keys(cluster.output)
        .filter((o) => o.startsWith("cross-stack-output"))
        .sort(),
    ).toEqual([
      "cross-stack-output-aws_eks_cluster-cluster_cluster-certificate_authority-0--data",
      "cross-stack-output-aws_eks_cluster-cluster_cluster-endpoint",
      "cross-stack-output-aws_iam_role-cluster_node-role_role-arn",
    ]);
    // Still no Kubernetes anything in the cluster stack.
    expect(JSON.stringify(cluster)).not.toMatch(/aws-auth|kubernetes_(?!version)/);
  });
});
