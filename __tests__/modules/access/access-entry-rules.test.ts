import { AccessEntrySpec } from "../../../modules/access/access-entry";
import { accessEntryListProblems, accessEntryProblems } from "../../../modules/access/access-entry-rules";

const ADMINS = "arn:aws:iam::111122223333:role/eks-admins";
const messages = (entry: Partial<AccessEntrySpec>) =>
  accessEntryProblems({ principalARN: ADMINS, ...entry }).map((p) => `${p.path.join(".")}: ${p.message}`);

describe("access entry rules (the same functions validate config and construct props)", () => {
  test.each([
    ["arn:aws:iam::111122223333:role/eks-admins"],
    ["arn:aws:iam::111122223333:role/team/platform/eks-admins"],
    ["arn:aws:iam::111122223333:user/kubernetes-developer"],
    ["arn:aws-cn:iam::111122223333:role/admins"],
    ["arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_AdministratorAccess_befa221ae928f837"],
  ])("%s is a valid principal", (principalARN) => {
    // GIVEN an IAM role (with or without a path, SSO's included) or user ARN, in any partition THEN no problem
    expect(messages({ principalARN })).toEqual([]);
  });

  test.each([
    [
      "arn:aws:sts::111122223333:assumed-role/eks-admins/alice",
      "principalARN: arn:aws:sts::111122223333:assumed-role/eks-admins/alice is an STS session, not an IAM principal; use the role's ARN arn:aws:iam::111122223333:role/eks-admins (with its path, if it has one)",
    ],
    [
      "arn:aws:iam::111122223333:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS",
      "principalARN: arn:aws:iam::111122223333:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS is a service-linked role; EKS refuses access entries for them, and AWS manages their access itself — remove this entry",
    ],
    [
      "arn:aws:iam::1234567890:role/admins",
      'principalARN: "arn:aws:iam::1234567890:role/admins" is not an IAM role or user ARN: the account id "1234567890" has 10 characters, AWS account ids have 12 digits (example: arn:aws:iam::111122223333:role/eks-admins)',
    ],
    [
      "arn:aws:iam::111122223333:group/admins",
      'principalARN: "arn:aws:iam::111122223333:group/admins" is not an IAM role or user ARN (example: arn:aws:iam::111122223333:role/eks-admins)',
    ],
    ["eks-admins", 'principalARN: "eks-admins" is not an IAM role or user ARN (example: arn:aws:iam::111122223333:role/eks-admins)'],
  ])("%s is refused", (principalARN, message) => {
    // GIVEN an STS session, a service-linked role, a short account id, a group or a bare name as principal THEN one problem, with the fix
    expect(messages({ principalARN })).toEqual([message]);
  });

  test.each([
    ["standard", 'type: "standard" is not an access entry type; write STANDARD (types are case-sensitive)'],
    [
      "ADMIN",
      'type: "ADMIN" is not an access entry type; use one of STANDARD, EC2_LINUX, EC2_WINDOWS, FARGATE_LINUX, EC2, HYBRID_LINUX, HYPERPOD_LINUX',
    ],
  ])("type %s", (type, message) => {
    // GIVEN a type in the wrong case, or one EKS does not have THEN one problem: write it in capitals, or the list of types
    expect(messages({ type })).toEqual([message]);
  });

  test.each(["EC2_LINUX", "EC2_WINDOWS", "FARGATE_LINUX", "HYBRID_LINUX", "HYPERPOD_LINUX", "EC2"])(
    "%s takes no groups, username or policies",
    (type) => {
      // GIVEN a node-type entry with Kubernetes groups, a username and an access policy THEN one problem for each, saying to use STANDARD
      expect(
        messages({
          type,
          kubernetesGroups: ["viewers"],
          kubernetesUsername: "node",
          accessPolicies: [{ policyARN: "AmazonEKSViewPolicy" }],
        }),
      ).toEqual([
        `kubernetesGroups: type ${type} takes no kubernetesGroups (EKS sets them for nodes); remove them, or use type STANDARD`,
        `kubernetesUsername: type ${type} takes no kubernetesUsername (EKS sets it for nodes); remove it, or use type STANDARD`,
        `accessPolicies.0.policyARN: type ${type} cannot have access policies${type === "EC2" ? " except AmazonEKSAutoNodePolicy" : ""}; use type STANDARD`,
      ]);
    },
  );

  test.each(["EC2_LINUX", "EC2_WINDOWS", "FARGATE_LINUX", "HYBRID_LINUX", "EC2", "HYPERPOD_LINUX"])(
    "%s takes only an IAM role, never a user",
    (type) => {
      // GIVEN a node-type entry whose principal is an IAM user (in the China partition, to see the example follow it)
      const principalARN = "arn:aws-cn:iam::444455556666:user/team/build-agent";
      // WHEN it is checked THEN it is refused with the fix; the same entry with a role passes
      expect(messages({ type, principalARN })).toEqual([
        `principalARN: ${principalARN} is an IAM user, and type ${type} takes only IAM roles (EKS accepts no users for node entries); use the role the nodes run as (example: arn:aws-cn:iam::444455556666:role/<node-role>), or type STANDARD for a person`,
      ]);
      expect(messages({ type, principalARN: "arn:aws-cn:iam::444455556666:role/team/nodes" })).toEqual([]);
    },
  );

  test("a user with a mistyped type gets only the type message", () => {
    // GIVEN a user with type ec2_linux THEN only the type problem (write EC2_LINUX), not the node-type rule for users
    expect(messages({ type: "ec2_linux", principalARN: "arn:aws:iam::111122223333:user/build-agent" })).toEqual([
      'type: "ec2_linux" is not an access entry type; write EC2_LINUX (types are case-sensitive)',
    ]);
  });

  test("EC2 (Auto Mode) may take AmazonEKSAutoNodePolicy", () => {
    // GIVEN an EC2 entry with AmazonEKSAutoNodePolicy THEN no problem
    expect(messages({ type: "EC2", accessPolicies: [{ policyARN: "AmazonEKSAutoNodePolicy" }] })).toEqual([]);
  });

  test("groups may not start with system:", () => {
    // GIVEN groups viewers, system:masters and system:nodes THEN system:masters points to the cluster admin policy, system:nodes to RBAC; viewers passes
    expect(messages({ kubernetesGroups: ["viewers", "system:masters", "system:nodes"] })).toEqual([
      "kubernetesGroups.1: system:masters cannot be granted through access entries; use accessPolicies: [{policyARN: AmazonEKSClusterAdminPolicy, accessScope: {type: cluster}}] instead",
      'kubernetesGroups.2: "system:nodes" starts with "system:", which EKS refuses; bind your own group name with RBAC instead',
    ]);
  });

  test.each([
    [
      "system:admin",
      'kubernetesUsername: "system:admin" starts with the reserved prefix "system:"; use another name (e.g. "admin") or leave kubernetesUsername out so EKS generates one',
    ],
    [
      "eks:ops",
      'kubernetesUsername: "eks:ops" starts with the reserved prefix "eks:"; use another name (e.g. "ops") or leave kubernetesUsername out so EKS generates one',
    ],
    [
      "aws:x",
      'kubernetesUsername: "aws:x" starts with the reserved prefix "aws:"; use another name (e.g. "x") or leave kubernetesUsername out so EKS generates one',
    ],
    [
      "amazon:x",
      'kubernetesUsername: "amazon:x" starts with the reserved prefix "amazon:"; use another name (e.g. "x") or leave kubernetesUsername out so EKS generates one',
    ],
    [
      "iam:x",
      'kubernetesUsername: "iam:x" starts with the reserved prefix "iam:"; use another name (e.g. "x") or leave kubernetesUsername out so EKS generates one',
    ],
    [
      "john{{SessionName}}",
      'kubernetesUsername: "john{{SessionName}}": {{SessionName}} needs a ":" somewhere before it; write "john:{{SessionName}}"',
    ],
    [
      "{{SessionNameRaw}}",
      'kubernetesUsername: "{{SessionNameRaw}}": {{SessionNameRaw}} needs a ":" somewhere before it; write "user:{{SessionNameRaw}}"',
    ],
  ])("username %s is refused", (kubernetesUsername, message) => {
    // GIVEN a username with a reserved prefix, or a session-name placeholder with no ":" before it THEN one problem, with a name that works
    expect(messages({ kubernetesUsername })).toEqual([message]);
  });

  test.each([":john{{SessionName}}", "admin:{{SessionNameRaw}}", "cluster-admin", "ops-{{AccountID}}"])(
    "username %s is accepted",
    (kubernetesUsername) => {
      // GIVEN a plain username, or placeholders after a ":" THEN no problem
      expect(messages({ kubernetesUsername })).toEqual([]);
    },
  );

  test("policies: the ARN pattern, each once, scopes", () => {
    // GIVEN an IAM policy in place of an access policy, an empty namespace scope, a policy given twice and with namespaces on a cluster scope,
    // a misspelt scope type and an invalid namespace name THEN one problem for each, in order, with its path
    expect(
      messages({
        accessPolicies: [
          { policyARN: "arn:aws:iam::aws:policy/AdministratorAccess" },
          { policyARN: "AmazonEKSViewPolicy", accessScope: { type: "namespace", namespaces: [] } },
          {
            policyARN: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
            accessScope: { type: "cluster", namespaces: ["app"] },
          },
          { policyARN: "AmazonEKSEditPolicy", accessScope: { type: "namespaces", namespaces: ["app"] } },
          { policyARN: "AmazonEKSAdminPolicy", accessScope: { type: "namespace", namespaces: ["App_1"] } },
        ],
      }),
    ).toEqual([
      'accessPolicies.0.policyARN: "arn:aws:iam::aws:policy/AdministratorAccess" is not an EKS access policy; use a name such as AmazonEKSViewPolicy or an ARN arn:aws:eks::aws:cluster-access-policy/<Name>',
      'accessPolicies.1.accessScope.namespaces: a namespace scope needs at least one namespace (example: [app, "dev-*"]); or use type: cluster',
      "accessPolicies.2.policyARN: AmazonEKSViewPolicy is already associated by accessPolicies[1]; give each policy once and list every namespace in its accessScope",
      "accessPolicies.2.accessScope.namespaces: a cluster scope takes no namespaces; remove them, or use type: namespace",
      'accessPolicies.3.accessScope.type: "namespaces" is not a scope type; use cluster or namespace',
      'accessPolicies.4.accessScope.namespaces.0: "App_1" is not a namespace name; use lower-case letters, digits and "-", with "*" as a wildcard (example: dev-*)',
    ]);
  });

  test("wildcard namespaces are accepted (EKS does not check that namespaces exist)", () => {
    // GIVEN a namespace scope of dev-* and app THEN no problem
    expect(
      messages({
        accessPolicies: [{ policyARN: "AmazonEKSEditPolicy", accessScope: { type: "namespace", namespaces: ["dev-*", "app"] } }],
      }),
    ).toEqual([]);
  });

  test("list rules: one entry per principal, names unique across accounts, reserved roles", () => {
    // GIVEN the same principal twice, a role of the same name in another account, and the reserved node role WHEN the list is checked
    // THEN the duplicate, the name clash and the reserved role are each a problem at their index
    const problems = accessEntryListProblems(
      [
        { principalARN: ADMINS },
        { principalARN: ADMINS },
        { principalARN: "arn:aws:iam::444455556666:role/eks-admins" },
        { principalARN: "arn:aws:iam::111122223333:role/dev-node" },
      ],
      new Map([["dev-node", "dev-node is the node role"]]),
    );
    expect(problems.map((p) => `${p.path.join(".")}: ${p.message}`)).toEqual([
      "1.principalARN: arn:aws:iam::111122223333:role/eks-admins already has an entry at accessEntries[0]; merge the two (one entry per principal, many accessPolicies)",
      "2.principalARN: arn:aws:iam::444455556666:role/eks-admins has the same name as accessEntries[0] in another account; the package keys entries by name — rename one of the roles",
      "3.principalARN: dev-node is the node role",
    ]);
  });
});
