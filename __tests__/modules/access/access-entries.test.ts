import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Fn, TerraformVariable } from "cdktf";
import { AccessEntries } from "../../../modules/access/access-entries";
import { AccessPolicies } from "../../../modules/access/access-policies";
import { PrivateCluster } from "../../../modules/cluster/private-cluster";
import { resources } from "../../support/environment";
import { synthJson, testCluster, testStack, thrown } from "../../support/fixture";

const PARTITION = "${data.aws_partition.context_partition.partition}";
const ADMINS = "arn:aws:iam::111122223333:role/eks-admins";
const DEV = "arn:aws:iam::111122223333:user/kubernetes-developer";

/** The shared fixture: a stack with an AWS provider and a minimal cluster to grant access to. */
const setup = () => testCluster();

describe("AccessEntries / PrivateCluster.grantAccess", () => {
  test("one entry per principal, one association per policy, named after the principal and the policy", () => {
    // GIVEN a cluster admin role and a developer user with a group and a namespaced view policy WHEN granted and synthesized
    // THEN one STANDARD access entry each, named after the principal, the admin without a username
    const { stack, cluster } = setup();
    cluster.grantAccess(ADMINS, { accessPolicies: [{ policyARN: AccessPolicies.CLUSTER_ADMIN }] });
    cluster.grantAccess(DEV, {
      kubernetesGroups: ["viewers"],
      accessPolicies: [{ policyARN: AccessPolicies.VIEW, accessScope: { type: "namespace", namespaces: ["app", "dev-*"] } }],
    });
    const tf = synthJson(stack);
    expect(resources(tf, "aws_eks_access_entry")).toEqual({
      "cluster_access_eks-admins": expect.objectContaining({
        cluster_name: "${aws_eks_cluster.cluster_cluster.name}",
        principal_arn: ADMINS,
        type: "STANDARD",
      }),
      "cluster_access_user-kubernetes-developer": expect.objectContaining({
        principal_arn: DEV,
        type: "STANDARD",
        kubernetes_groups: ["viewers"],
      }),
    });
    expect(resources(tf, "aws_eks_access_entry")["cluster_access_eks-admins"].user_name).toBeUndefined();
    // AND one policy association each, named after principal and policy, with the partition's policy ARN and its scope
    expect(resources(tf, "aws_eks_access_policy_association")).toEqual({
      "cluster_access_eks-admins_AmazonEKSClusterAdminPolicy": expect.objectContaining({
        principal_arn: "${aws_eks_access_entry.cluster_access_eks-admins.principal_arn}",
        policy_arn: `arn:${PARTITION}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
        access_scope: { type: "cluster" },
      }),
      "cluster_access_user-kubernetes-developer_AmazonEKSViewPolicy": expect.objectContaining({
        policy_arn: `arn:${PARTITION}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy`,
        access_scope: { type: "namespace", namespaces: ["app", "dev-*"] },
      }),
    });
  });

  test("a second grant to the same principal adds policies to its entry; it never creates a second entry", () => {
    // GIVEN the developer granted a view policy, then an edit policy WHEN synthesized THEN one access entry with both associations
    const { stack, cluster } = setup();
    cluster.grantAccess(DEV, {
      accessPolicies: [{ policyARN: AccessPolicies.VIEW, accessScope: { type: "namespace", namespaces: ["app"] } }],
    });
    cluster.grantAccess(DEV, {
      accessPolicies: [{ policyARN: AccessPolicies.EDIT, accessScope: { type: "namespace", namespaces: ["sandbox"] } }],
    });
    const tf = synthJson(stack);
    expect(Object.keys(resources(tf, "aws_eks_access_entry"))).toEqual(["cluster_access_user-kubernetes-developer"]);
    expect(Object.keys(resources(tf, "aws_eks_access_policy_association")).sort()).toEqual([
      "cluster_access_user-kubernetes-developer_AmazonEKSEditPolicy",
      "cluster_access_user-kubernetes-developer_AmazonEKSViewPolicy",
    ]);
  });

  test("reordering grants changes no address or value", () => {
    // GIVEN two grants WHEN made in one order and in the other THEN the same entries and associations
    const grants: Array<(c: PrivateCluster) => void> = [
      (c) => c.grantAccess(ADMINS, { accessPolicies: [{ policyARN: AccessPolicies.CLUSTER_ADMIN }] }),
      (c) =>
        c.grantAccess(DEV, {
          accessPolicies: [{ policyARN: AccessPolicies.VIEW, accessScope: { type: "namespace", namespaces: ["app"] } }],
        }),
    ];
    const synth = (order: number[]) => {
      const { stack, cluster } = setup();
      for (const i of order) grants[i](cluster);
      const tf = synthJson(stack);
      return { entries: resources(tf, "aws_eks_access_entry"), associations: resources(tf, "aws_eks_access_policy_association") };
    };
    expect(synth([1, 0])).toEqual(synth([0, 1]));
  });

  test("a full policy ARN is kept as given (another partition included)", () => {
    // GIVEN a grant of a full policy ARN in aws-us-gov WHEN synthesized THEN the association uses that ARN as written
    const { stack, cluster } = setup();
    cluster.grantAccess(ADMINS, {
      accessPolicies: [{ policyARN: "arn:aws-us-gov:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy" }],
    });
    expect(Object.values(resources(synthJson(stack), "aws_eks_access_policy_association"))[0].policy_arn).toBe(
      "arn:aws-us-gov:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy",
    );
  });

  test("a role created in the stack is granted under an explicit key", () => {
    // GIVEN a role whose ARN is a token
    const { stack, cluster } = setup();
    const role = new IamRole(stack, "ci", { assumeRolePolicy: "{}" });
    // WHEN it is granted under a key THEN the entry is named after the key
    cluster.grantAccess(role.arn, { accessPolicies: [{ policyARN: AccessPolicies.EDIT }] }, "ci");
    expect(resources(synthJson(stack), "aws_eks_access_entry")["cluster_access_ci"].principal_arn).toBe("${aws_iam_role.ci.arn}");
    // AND without a key the error names the construct and the missing argument, never the token
    expect(thrown(() => cluster.grantAccess(role.arn))).toEqual(
      'ValidationError: test/cluster/access: a principalARN that is a token (a role created in this stack) needs a key to name its Terraform resources; pass one as the third argument (example: "ci")',
    );
  });

  test("no error about a grant to a token principal prints the token", () => {
    // GIVEN a role whose ARN is a token
    const { stack, cluster } = setup();
    const role = new IamRole(stack, "ci", { assumeRolePolicy: "{}" });
    // WHEN it is granted with mistakes, with and without a key
    const withoutKey = thrown(() =>
      cluster.grantAccess(role.arn, {
        kubernetesGroups: ["system:masters"],
        accessPolicies: [{ policyARN: "AmazonEKSViewPolicy" }, { policyARN: role.name }],
      }),
    );
    const withKey = thrown(() => cluster.grantAccess(role.arn, { type: "EC2_LINUX", kubernetesUsername: "admin" }, "ci"));
    // THEN every problem is reported at once, located by the key or the construct, in the prop names
    expect(withoutKey).toEqual(
      [
        "ValidationError: test/cluster/access: kubernetesGroups[0]: system:masters cannot be granted through access entries; use accessPolicies: [{policyARN: AmazonEKSClusterAdminPolicy, accessScope: {type: cluster}}] instead",
        "test/cluster/access: accessPolicies[1].policyARN: is a token (known only at apply); write the value itself, which names the association's Terraform resource (example: AmazonEKSViewPolicy)",
        'test/cluster/access: a principalARN that is a token (a role created in this stack) needs a key to name its Terraform resources; pass one as the third argument (example: "ci")',
      ].join("\n"),
    );
    expect(withKey).toEqual(
      "ValidationError: test/cluster/access[ci]: kubernetesUsername: type EC2_LINUX takes no kubernetesUsername (EKS sets it for nodes); remove it, or use type STANDARD",
    );
    // AND no token reaches a message
    expect(`${withoutKey}\n${withKey}`).not.toMatch(/TfToken|\$\{/);
  });

  test("namespaces that are a token (known at apply) are granted as given, unchecked", () => {
    // GIVEN namespaces from a Terraform variable
    const { stack, cluster } = setup();
    const namespaces = Fn.split(",", new TerraformVariable(stack, "namespaces", { type: "string" }).stringValue);
    // WHEN granted THEN synth passes them through
    cluster.grantAccess(DEV, { accessPolicies: [{ policyARN: AccessPolicies.VIEW, accessScope: { type: "namespace", namespaces } }] });
    expect(
      resources(synthJson(stack), "aws_eks_access_policy_association")["cluster_access_user-kubernetes-developer_AmazonEKSViewPolicy"]
        .access_scope,
    ).toEqual({
      type: "namespace",
      namespaces: '${split(",", var.namespaces)}',
    });
  });

  test.each([
    [
      () => [ADMINS, { kubernetesGroups: ["system:masters"] }],
      "test/cluster/access[arn:aws:iam::111122223333:role/eks-admins]: kubernetesGroups[0]: system:masters cannot be granted through access entries",
    ],
    [
      () => ["arn:aws:sts::111122223333:assumed-role/eks-admins/alice", {}],
      "principalARN: arn:aws:sts::111122223333:assumed-role/eks-admins/alice is an STS session, not an IAM principal",
    ],
    [
      () => [ADMINS, { type: "EC2_LINUX", accessPolicies: [{ policyARN: "AmazonEKSViewPolicy" }] }],
      "accessPolicies[0].policyARN: type EC2_LINUX cannot have access policies; use type STANDARD",
    ],
    [
      () => [ADMINS, { accessPolicies: [{ policyARN: "AmazonEKSClusterAdmin" }] }],
      "accessPolicies[0].policyARN: AmazonEKSClusterAdmin is not a published EKS access policy; did you mean AmazonEKSClusterAdminPolicy? write AmazonEKSClusterAdminPolicy",
    ],
    [
      () => [DEV, { type: "FARGATE_LINUX" }],
      `principalARN: ${DEV} is an IAM user, and type FARGATE_LINUX takes only IAM roles (EKS accepts no users for node entries); use the role the nodes run as (example: arn:aws:iam::111122223333:role/<node-role>), or type STANDARD for a person`,
    ],
  ] as const)("bad grants throw the config rules' messages (%#)", (args, message) => {
    // GIVEN a grant breaking an access entry rule WHEN made THEN it throws the config rule's message, with the prop path
    const { cluster } = setup();
    expect(() => cluster.grantAccess(...(args() as unknown as Parameters<typeof cluster.grantAccess>))).toThrow(message);
  });

  test("a policy ARN the package does not know is granted as written, with an info annotation; known ones carry none", () => {
    // GIVEN grants of a known policy and of a newer one by full ARN
    const { stack, cluster } = setup();
    const newer = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSFrobnicatorPolicy";
    cluster.grantAccess(ADMINS, { accessPolicies: [{ policyARN: AccessPolicies.VIEW }, { policyARN: newer }] });
    // WHEN synthesized THEN the ARN is kept, and only the unknown one is annotated
    expect(
      resources(synthJson(stack), "aws_eks_access_policy_association")["cluster_access_eks-admins_AmazonEKSFrobnicatorPolicy"].policy_arn,
    ).toBe(newer);
    const annotations = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type.startsWith("@cdktf/")).map((m) => `${c.node.path}: ${m.type}: ${m.data}`));
    expect(annotations).toEqual([
      "test/cluster/access/eks-admins/AmazonEKSFrobnicatorPolicy: @cdktf/info: AmazonEKSFrobnicatorPolicy is not an access policy this package knows (aws eks list-access-policies lists the current ones); it is used as written — an unknown policy fails at apply, so check the name",
    ]);
  });

  test("conflicting second grants and repeated policies are refused, in the prop names", () => {
    // GIVEN a principal granted a username and a policy
    const { cluster } = setup();
    cluster.grantAccess(ADMINS, { kubernetesUsername: "admin", accessPolicies: [{ policyARN: AccessPolicies.VIEW }] });
    // WHEN a second grant changes the username, or repeats the policy THEN both are refused
    expect(thrown(() => cluster.grantAccess(ADMINS, { kubernetesUsername: "root-ish" }))).toEqual(
      `ValidationError: test/cluster/access[${ADMINS}]: a second grant to the same entry changes its kubernetesUsername; give them in one grant (later grants may only add accessPolicies)`,
    );
    expect(
      thrown(() =>
        cluster.grantAccess(ADMINS, { accessPolicies: [{ policyARN: AccessPolicies.EDIT }, { policyARN: AccessPolicies.VIEW }] }),
      ),
    ).toEqual(
      `ValidationError: test/cluster/access[${ADMINS}]: accessPolicies[1].policyARN: AmazonEKSViewPolicy is already associated by an earlier grant (its accessPolicies[0]); give each policy once and list every namespace in its accessScope`,
    );
    // AND a policy repeated within one grant reads the same, naming the earlier item
    expect(
      thrown(() =>
        cluster.grantAccess(ADMINS, { accessPolicies: [{ policyARN: AccessPolicies.EDIT }, { policyARN: AccessPolicies.EDIT }] }),
      ),
    ).toEqual(
      `ValidationError: test/cluster/access[${ADMINS}]: accessPolicies[1].policyARN: AmazonEKSEditPolicy is already associated by accessPolicies[0]; give each policy once and list every namespace in its accessScope`,
    );
  });

  test("the managed node group role cannot be granted (EKS creates its entry)", () => {
    // GIVEN a cluster with a node group
    const { cluster } = setup();
    cluster.addNodeGroup({ name: "general" });
    const message =
      "ValidationError: test/cluster: principalARN: dev-node is the managed node groups' role: EKS creates its access entry itself (a duplicate fails with ResourceInUseException); do not give it an access entry of its own";
    // WHEN its node role is granted, by reference or by its ARN THEN that is a user mistake, in the config's words
    expect(thrown(() => cluster.grantAccess(cluster.nodeRole.arn, {}, "nodes"))).toEqual(message);
    expect(thrown(() => cluster.grantAccess("arn:aws:iam::111122223333:role/dev-node"))).toEqual(message);
  });

  test("AccessEntries can be used on its own for a cluster defined elsewhere", () => {
    // GIVEN AccessEntries for a cluster named existing WHEN a grant is synthesized THEN the access entry is for that cluster
    const stack = testStack();
    new AccessEntries(stack, "access", { clusterName: "existing" }).grant(DEV, { accessPolicies: [{ policyARN: AccessPolicies.VIEW }] });
    expect(resources(synthJson(stack), "aws_eks_access_entry")["access_user-kubernetes-developer"].cluster_name).toBe("existing");
  });
});
