import { stringify } from "yaml";
import { loadEnvironments, parseEnvironment } from "../../environment/load";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clusterJson, devInput, merge, resources } from "../support/environment";

const problemsWith = (overrides: Record<string, unknown>) =>
  parseEnvironment(stringify(merge(devInput(), overrides)), "config/dev.yaml").lines;
const entry = (e: Record<string, unknown>) => ({ accessEntries: [e] });

describe("accessEntries, legacyAwsAuth and inCluster in config", () => {
  test("the seed 000 developer in dev.yaml: read-only, namespace app only", () => {
    // GIVEN the shipped dev.yaml's kubernetes-developer user WHEN synthesized THEN a STANDARD access entry, with AmazonEKSViewPolicy scoped to namespace app
    const tf = clusterJson();
    expect(resources(tf, "aws_eks_access_entry")["cluster_access_user-kubernetes-developer"]).toMatchObject({
      principal_arn: "arn:aws:iam::111122223333:user/kubernetes-developer",
      type: "STANDARD",
    });
    expect(
      resources(tf, "aws_eks_access_policy_association")["cluster_access_user-kubernetes-developer_AmazonEKSViewPolicy"].access_scope,
    ).toEqual({ type: "namespace", namespaces: ["app"] });
  });

  test("eksctl's keys are accepted unchanged, and reordering entries changes nothing", () => {
    // GIVEN two access entries in eksctl's keys, one cluster-wide admin and one viewer in two namespaces
    // WHEN synthesized in one order and in the other THEN the same entries and policy associations, named after the principals
    const a = {
      principalARN: "arn:aws:iam::111122223333:role/eks-admins",
      type: "STANDARD",
      kubernetesGroups: ["ops"],
      accessPolicies: [{ policyARN: "AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } }],
    };
    const b = {
      principalARN: "arn:aws:iam::111122223333:role/viewers",
      accessPolicies: [
        {
          policyARN: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
          accessScope: { type: "namespace", namespaces: ["app", "dev-*"] },
        },
      ],
    };
    const ab = clusterJson({ accessEntries: [a, b] });
    const ba = clusterJson({ accessEntries: [b, a] });
    expect(resources(ab, "aws_eks_access_entry")).toEqual(resources(ba, "aws_eks_access_entry"));
    expect(resources(ab, "aws_eks_access_policy_association")).toEqual(resources(ba, "aws_eks_access_policy_association"));
    expect(Object.keys(resources(ab, "aws_eks_access_entry")).sort()).toEqual(["cluster_access_eks-admins", "cluster_access_viewers"]);
  });

  test.each([
    [
      entry({ principalARN: "arn:aws:sts::111122223333:assumed-role/eks-admins/alice" }),
      "config/dev.yaml: accessEntries[0].principalARN: arn:aws:sts::111122223333:assumed-role/eks-admins/alice is an STS session, not an IAM principal; use the role's ARN arn:aws:iam::111122223333:role/eks-admins (with its path, if it has one)",
    ],
    [
      entry({ principalARN: "arn:aws:iam::111122223333:role/x", type: "Standard" }),
      'config/dev.yaml: accessEntries[0].type: "Standard" is not an access entry type; write STANDARD (types are case-sensitive)',
    ],
    [
      entry({
        principalARN: "arn:aws:iam::111122223333:role/x",
        accessPolicies: [{ policyARN: "AmazonEKSViewPolicy", accessScope: { type: "namespace" } }],
      }),
      'config/dev.yaml: accessEntries[0].accessPolicies[0].accessScope.namespaces: a namespace scope needs at least one namespace (example: [app, "dev-*"]); or use type: cluster',
    ],
    [
      entry({ principalARN: "arn:aws:iam::111122223333:role/dev-node" }),
      "config/dev.yaml: accessEntries[0].principalARN: dev-node is the managed node groups' role: EKS creates its access entry itself (a duplicate fails with ResourceInUseException); do not give it an access entry of its own",
    ],
    [
      entry({ principalARN: "arn:aws:iam::111122223333:role/dev-bastion" }),
      "config/dev.yaml: accessEntries[0].principalARN: dev-bastion is the bastion's role: it is granted by bastion.accessPolicy; do not give it an access entry of its own",
    ],
    [
      { legacyAwsAuth: { mapRoles: [{ rolearn: "arn:aws:iam::111122223333:role/x" }] } },
      "config/dev.yaml: legacyAwsAuth: aws-auth is ignored in API mode; set cluster.authenticationMode: API_AND_CONFIG_MAP while migrating, or remove legacyAwsAuth once every mapping is an access entry",
    ],
    [
      {
        cluster: { authenticationMode: "API_AND_CONFIG_MAP" },
        legacyAwsAuth: { mapRoles: [{ rolearn: "arn:aws:iam::111122223333:role/team/x" }] },
        inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" },
      },
      "config/dev.yaml: legacyAwsAuth.mapRoles[0].rolearn: aws-auth matches role ARNs without their path; write arn:aws:iam::111122223333:role/x (access entries, unlike aws-auth, take the full ARN)",
    ],
    [
      { inCluster: { apiServerUrl: "localhost:8443" } },
      'config/dev.yaml: inCluster.apiServerUrl: "localhost:8443" is not an https URL of a host (example: https://localhost:8443)',
    ],
  ])("%p", (overrides, message) => {
    // GIVEN dev.yaml with one mistake in access entries, legacyAwsAuth or inCluster THEN that one problem, with the fix
    expect(problemsWith(overrides)).toEqual([message]);
  });

  test("eksctl spelling matters: principalArn is a typo of principalARN", () => {
    // GIVEN an access entry keyed principalArn THEN principalARN is missing and principalArn is unknown, with a did-you-mean
    expect(problemsWith(entry({ principalArn: "arn:aws:iam::111122223333:role/x" }))).toEqual([
      "config/dev.yaml: accessEntries[0].principalARN: is required; add it (example: arn:aws:iam::111122223333:role/eks-admins)",
      'config/dev.yaml: accessEntries[0].principalArn: unknown key; did you mean "principalARN"? allowed keys here: principalARN, type, kubernetesGroups, kubernetesUsername, accessPolicies',
    ]);
  });

  test("duplicate principals across the list", () => {
    // GIVEN the same principal in two access entries THEN the second is a problem pointing at the first, saying to merge them
    const e = { principalARN: "arn:aws:iam::111122223333:role/eks-admins" };
    expect(problemsWith({ accessEntries: [e, e] })).toEqual([
      "config/dev.yaml: accessEntries[1].principalARN: arn:aws:iam::111122223333:role/eks-admins already has an entry at accessEntries[0]; merge the two (one entry per principal, many accessPolicies)",
    ]);
  });

  test("misspelt access policies are errors with a did-you-mean, in entries and on the bastion", () => {
    // GIVEN a misspelt access policy on the bastion and in an access entry THEN one problem each, with the published name to write
    expect(
      problemsWith({
        bastion: { accessPolicy: "AmazonEKSClusterAdmin" },
        ...entry({
          principalARN: "arn:aws:iam::111122223333:role/viewers",
          accessPolicies: [{ policyARN: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSVeiwPolicy" }],
        }),
      }),
    ).toEqual([
      "config/dev.yaml: bastion.accessPolicy: AmazonEKSClusterAdmin is not a published EKS access policy; did you mean AmazonEKSClusterAdminPolicy? write AmazonEKSClusterAdminPolicy",
      "config/dev.yaml: accessEntries[0].accessPolicies[0].policyARN: AmazonEKSVeiwPolicy is not a published EKS access policy; did you mean AmazonEKSViewPolicy? write arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
    ]);
  });

  test("a policy ARN this package does not know is synthesized as written, with a note naming its key path", () => {
    // GIVEN dev.yaml with a full ARN of a policy newer than the known list, on an entry and on the bastion
    const dir = mkdtempSync(join(tmpdir(), "private-eks-notes-"));
    const file = join(dir, "dev.yaml");
    const newer = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSFrobnicatorPolicy";
    writeFileSync(
      file,
      stringify(
        merge(devInput(), {
          bastion: { accessPolicy: newer },
          ...entry({ principalARN: "arn:aws:iam::111122223333:role/ops", accessPolicies: [{ policyARN: newer }] }),
        }),
      ),
    );
    // WHEN it is loaded THEN it is valid, and each use is a note
    const [env] = loadEnvironments([file]);
    const note =
      "AmazonEKSFrobnicatorPolicy is not an access policy this package knows (aws eks list-access-policies lists the current ones); it is used as written — an unknown policy fails at apply, so check the name";
    // (nobody has an admin policy here, which is a note of its own)
    expect(env.notes).toEqual([
      `${file}: bastion.accessPolicy: ${note}`,
      `${file}: accessEntries[0].accessPolicies[0].policyARN: ${note}`,
      expect.stringContaining(`${file}: accessEntries: no principal can administer this cluster`),
    ]);
    expect(
      resources(
        clusterJson({ ...entry({ principalARN: "arn:aws:iam::111122223333:role/ops", accessPolicies: [{ policyARN: newer }] }) }),
        "aws_eks_access_policy_association",
      )["cluster_access_ops_AmazonEKSFrobnicatorPolicy"].policy_arn,
    ).toBe(newer);
  });

  test("a principal both in aws-auth and in access entries is allowed, and reported as a note", () => {
    // GIVEN a migrating environment (API_AND_CONFIG_MAP) whose eks-admins role has an access entry and an aws-auth mapping
    const dir = mkdtempSync(join(tmpdir(), "private-eks-notes-"));
    const file = join(dir, "mig.yaml");
    writeFileSync(
      file,
      stringify({
        name: "mig",
        region: "eu-west-1",
        cluster: { authenticationMode: "API_AND_CONFIG_MAP" },
        accessEntries: [{ principalARN: "arn:aws:iam::111122223333:role/team/eks-admins" }],
        legacyAwsAuth: { mapRoles: [{ rolearn: "arn:aws:iam::111122223333:role/eks-admins", groups: ["system:masters"] }] },
        inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" },
      }),
    );
    // WHEN loaded THEN it is valid, with one note: the access entry wins, drop the mapping once the entry is verified
    const [env] = loadEnvironments([file]);
    expect(env.notes).toEqual([
      `${file}: legacyAwsAuth.mapRoles[0]: arn:aws:iam::111122223333:role/eks-admins also has an access entry (accessEntries[0]); while both exist the access entry wins — drop this mapping once the entry is verified`,
    ]);
  });
});
