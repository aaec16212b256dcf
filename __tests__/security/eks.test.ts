import { lintPolicy } from "../support/iam-lint";
import { all, list, policies, resolveReferences, statements, variants } from "../support/security";
import { nonEmpty } from "../support/environment";

/** What Checkov and Trivy do not check on EKS, over every shipped config and variant. */
describe.each(variants().map((v) => [v.name, v] as const))("EKS rules: %s", (_, v) => {
  const tf = v.cluster;
  const cluster = () => all(tf, "aws_eks_cluster")[0][1];

  test("EKS-AUTH-MODE: authentication through access entries (API or API_AND_CONFIG_MAP)", () => {
    // GIVEN the variant's cluster stack THEN the authentication mode is API or API_AND_CONFIG_MAP
    expect(["API", "API_AND_CONFIG_MAP"]).toContain(cluster().access_config.authentication_mode);
  });

  test("EKS-CREATOR-ADMIN: no implicit admin for the creator, and the ForceNew flag ignored afterwards", () => {
    // GIVEN the variant's cluster stack THEN the creator is not made cluster admin, and later changes to that ForceNew flag are ignored
    expect(cluster().access_config.bootstrap_cluster_creator_admin_permissions).toBe(false);
    expect(cluster().lifecycle.ignore_changes).toContain("access_config[0].bootstrap_cluster_creator_admin_permissions");
  });

  test("EKS-NO-AWS-AUTH: the cluster stack has no Kubernetes provider, resource, or aws-auth", () => {
    // GIVEN the variant's cluster stack THEN its only provider is aws, it has no kubernetes_ resource or data source, and no mention of aws-auth
    expect(Object.keys(tf.provider)).toEqual(["aws"]);
    const types = [...Object.keys(tf.resource ?? {}), ...Object.keys(tf.data ?? {})];
    expect(types.length).toBeGreaterThan(0);
    expect(types.filter((t) => t.startsWith("kubernetes_"))).toEqual([]);
    expect(JSON.stringify(tf)).not.toMatch(/aws-auth/);
  });

  test("EKS-NO-NODE-ROLE-ENTRY: no explicit access entry for the managed node group role", () => {
    // GIVEN the variant's node group roles and access entries THEN no access entry is for a node role
    const nodeRoles = all(tf, "aws_eks_node_group").map(([, g]) => g.node_role_arn);
    expect(nodeRoles.length).toBeGreaterThan(0);
    for (const [name, e] of nonEmpty(all(tf, "aws_eks_access_entry")))
      expect([name, nodeRoles.includes(e.principal_arn)]).toEqual([name, false]);
  });

  test("EKS-POD-IDENTITY-TRUST: Pod Identity roles are narrowed to cluster, namespace and service account", () => {
    // GIVEN every trust statement of the Pod Identity service (every variant has a Pod Identity role: dev's app/s3-reader)
    const podIdentity = nonEmpty(policies(tf).filter((p) => p.kind === "trust")).flatMap((p) =>
      statements(p)
        .filter((s) => s.Principal?.Service === "pods.eks.amazonaws.com")
        .map((s) => ({ p, s })),
    );
    // THEN each is narrowed
    for (const { p, s } of nonEmpty(podIdentity)) {
      expect([p.where, Object.keys(s.Condition?.StringEquals ?? {}).sort()]).toEqual([
        p.where,
        ["aws:RequestTag/eks-cluster-arn", "aws:RequestTag/kubernetes-namespace", "aws:RequestTag/kubernetes-service-account"],
      ]);
      expect(s.Condition.StringEquals["aws:RequestTag/eks-cluster-arn"]).toMatch(/^\$\{aws_eks_cluster\..+\.arn\}$/);
    }
  });

  test("EKS-IRSA-TRUST: IRSA trusts StringEquals on aud, and on sub unless the service account is an explicit *", () => {
    // GIVEN every IRSA trust statement: there are some exactly when the stack has an OIDC provider (the IRSA variants)
    const irsa = nonEmpty(policies(tf).filter((p) => p.kind === "trust")).flatMap((p) =>
      statements(p)
        .filter((s) => s.Action === "sts:AssumeRoleWithWebIdentity")
        .map((s) => ({ p, s })),
    );
    expect(irsa.length > 0).toBe(all(tf, "aws_iam_openid_connect_provider").length > 0);
    // THEN each trusts the audience, and the service account unless it is an explicit *
    for (const { p, s } of irsa) {
      const eq = s.Condition.StringEquals ?? {};
      expect([p.where, Object.entries(eq).find(([k]) => k.endsWith(":aud"))?.[1]]).toEqual([p.where, "sts.amazonaws.com"]);
      const like = Object.entries(s.Condition.StringLike ?? {}).find(([k]) => k.endsWith(":sub"))?.[1] as string | undefined;
      const exact = Object.entries(eq).find(([k]) => k.endsWith(":sub"))?.[1] as string | undefined;
      if (like) expect(like).toMatch(/^system:serviceaccount:[a-z0-9-]+:\*$/);
      else expect(exact).toMatch(/^system:serviceaccount:[a-z0-9-]+:[a-z0-9.-]+$/);
    }
  });

  test("EKS-NO-ASSUME-ANY: no role may call sts:AssumeRole on * (the kube2iam pattern)", () => {
    // GIVEN the variant's identity policies THEN no statement allows sts:AssumeRole (or sts:*, or *) on a wildcard resource
    for (const p of nonEmpty(policies(tf).filter((p) => p.kind === "identity"))) {
      for (const s of nonEmpty(statements(p))) {
        const assumes = list(s.Action).some((a) => /^(sts:AssumeRole|sts:\*|\*)$/.test(a));
        expect([p.where, assumes && list(s.Resource).some((r) => r.includes("*"))]).toEqual([p.where, false]);
      }
    }
  });

  test("EKS-BASTION-SSM-ONLY: the bastion has no inbound rules, no key, no public IP, and only Session Manager + DescribeCluster", () => {
    // GIVEN the variant's one bastion instance THEN it has no key pair or user data, and its security group no ingress rule
    const bastions = all(tf, "aws_instance");
    expect(bastions).toHaveLength(1);
    const [, instance] = bastions[0];
    expect(instance.key_name).toBeUndefined();
    expect(instance.user_data).toBeUndefined();
    const sg = instance.vpc_security_group_ids[0];
    expect(all(tf, "aws_vpc_security_group_ingress_rule").filter(([, r]) => r.security_group_id === sg)).toEqual([]);
    // AND its role has only AmazonSSMManagedInstanceCore attached, and inline only eks:DescribeCluster and eks:ListClusters
    expect(
      all(tf, "aws_iam_role_policy_attachment")
        .filter(([n]) => n.startsWith("bastion_"))
        .map(([, a]) => a.policy_arn.split("/").pop()),
    ).toEqual(["AmazonSSMManagedInstanceCore"]);
    const inline = policies(tf).filter((p) => p.where.startsWith("aws_iam_role_policy.bastion_"));
    expect(inline.flatMap((p) => statements(p).flatMap((s) => list(s.Action)))).toEqual(["eks:DescribeCluster", "eks:ListClusters"]);
  });

  test("IAM-LINT: every action exists and every resource ARN fits a resource type of its action", () => {
    // GIVEN every policy of the variant, references resolved WHEN linted against AWS's service authorization data THEN no finding
    const findings = policies(tf).flatMap((p) => {
      const doc = JSON.parse(resolveReferences(JSON.stringify(p.doc), tf));
      return lintPolicy(doc, p.kind).map((f) => `${p.where} Statement[${f.statement}]: ${f.message}`);
    });
    expect(findings).toEqual([]);
  });
});

describe("IAM lint can fail", () => {
  test("a made-up action and an ARN of the wrong type are reported", () => {
    // GIVEN a statement with a misspelt EKS action and a log-group ARN for actions that take other ARNs WHEN linted
    // THEN the unknown action and both mismatched ARNs are reported, with the ARN each action takes
    expect(
      lintPolicy(
        {
          Statement: [
            {
              Effect: "Allow",
              Action: ["eks:DescribeClusters", "eks:DescribeCluster", "logs:PutLogEvents"],
              Resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/x",
            },
          ],
        },
        "identity",
      ).map((f) => f.message),
    ).toEqual([
      "eks:DescribeClusters is not an action in AWS's service authorization data",
      "eks:DescribeCluster does not act on arn:aws:logs:eu-west-1:123456789012:log-group:/x; it takes arn:${Partition}:eks:${Region}:${Account}:cluster/${ClusterName}",
      "logs:PutLogEvents does not act on arn:aws:logs:eu-west-1:123456789012:log-group:/x; it takes arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}",
    ]);
  });
});
