import { PodRoleOptions, PodRoles } from "../../../modules/pod-roles/pod-roles";
import { TfJson, resources } from "../../support/environment";
import { synthJson, testStack } from "../../support/fixture";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";

const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123";

function podRoles(...roles: PodRoleOptions[]): TfJson {
  const stack = testStack();
  const agent = new EksAddon(stack, "agent", { clusterName: "dev", addonName: "eks-pod-identity-agent" });
  const pr = new PodRoles(stack, "pod-roles", {
    cluster: { name: "dev", arn: "arn:aws:eks:eu-west-1:111122223333:cluster/dev", oidcIssuerUrl: ISSUER },
    podIdentityAgent: agent,
    namePrefix: "dev",
  });
  for (const r of roles) pr.add(r);
  return synthJson(stack);
}
const trustOf = (tf: TfJson, key: string) => JSON.parse(resources(tf, "aws_iam_role")[key].assume_role_policy).Statement;

describe("PodRoles", () => {
  test("Pod Identity trust: the pods service, AssumeRole + TagSession, narrowed to this cluster, namespace and service account", () => {
    // GIVEN a Pod Identity role for app/s3-reader WHEN synthesized
    // THEN one trust statement: allow pods.eks.amazonaws.com AssumeRole and TagSession, on StringEquals of this cluster's ARN, the namespace and the service account
    const tf = podRoles({
      namespace: "app",
      serviceAccountName: "s3-reader",
      permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    });
    const [statement, ...others] = trustOf(tf, "pod-roles_app_s3-reader_role");
    expect(others).toEqual([]);
    expect(statement.Effect).toBe("Allow");
    expect(statement.Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
    expect(statement.Action).toEqual(["sts:AssumeRole", "sts:TagSession"]);
    expect(Object.keys(statement.Condition)).toEqual(["StringEquals"]);
    expect(statement.Condition.StringEquals).toEqual({
      "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:eu-west-1:111122223333:cluster/dev",
      "aws:RequestTag/kubernetes-namespace": "app",
      "aws:RequestTag/kubernetes-service-account": "s3-reader",
    });
  });

  test("Pod Identity association: keyed by namespace/service account, after the agent add-on", () => {
    // GIVEN a Pod Identity role for app/s3-reader WHEN synthesized THEN its association, named by namespace and service account, depends on the agent add-on
    // AND its managed policy is attached, and there is no OIDC provider
    const tf = podRoles({
      namespace: "app",
      serviceAccountName: "s3-reader",
      permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    });
    expect(resources(tf, "aws_eks_pod_identity_association")["pod-roles_app_s3-reader_association"]).toMatchObject({
      cluster_name: "dev",
      namespace: "app",
      service_account: "s3-reader",
      role_arn: "${aws_iam_role.pod-roles_app_s3-reader_role.arn}",
      depends_on: ["aws_eks_addon.agent"],
    });
    expect(resources(tf, "aws_iam_role_policy_attachment")["pod-roles_app_s3-reader_aws_AmazonS3ReadOnlyAccess"].policy_arn).toBe(
      "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    );
    expect(resources(tf, "aws_iam_openid_connect_provider")).toEqual({});
  });

  test("IRSA trust: the cluster's OIDC provider, AssumeRoleWithWebIdentity, StringEquals on sub and aud with the issuer host", () => {
    // GIVEN an IRSA role for app/uploader WHEN synthesized THEN it trusts the cluster's OIDC provider with AssumeRoleWithWebIdentity
    // AND StringEquals on sub (the service account) and aud, keyed by the issuer host; one OIDC provider for the issuer, and no Pod Identity association
    const tf = podRoles({
      namespace: "app",
      serviceAccountName: "uploader",
      mechanism: "irsa",
      permissionPolicyARNs: ["arn:aws:iam::111122223333:policy/uploads"],
    });
    const [statement] = trustOf(tf, "pod-roles_app_uploader_role");
    expect(statement.Principal).toEqual({ Federated: "${aws_iam_openid_connect_provider.pod-roles_oidc-provider.arn}" });
    expect(statement.Action).toBe("sts:AssumeRoleWithWebIdentity");
    const host = "${local.pod-roles_oidc-issuer-host}";
    expect(tf.locals).toEqual({
      "pod-roles_oidc-issuer-host": '${replace("https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123", "https://", "")}',
    });
    expect(statement.Condition).toEqual({
      StringEquals: { [`${host}:sub`]: "system:serviceaccount:app:uploader", [`${host}:aud`]: "sts.amazonaws.com" },
    });
    expect(resources(tf, "aws_iam_openid_connect_provider")["pod-roles_oidc-provider"]).toMatchObject({
      url: ISSUER,
      client_id_list: ["sts.amazonaws.com"],
    });
    expect(resources(tf, "aws_eks_pod_identity_association")).toEqual({});
  });

  test("an explicit * service account: StringLike on sub, still StringEquals on aud", () => {
    // GIVEN an IRSA role for every service account of batch WHEN synthesized THEN StringLike on sub, StringEquals on aud, and the role is named dev-batch-any
    const tf = podRoles({
      namespace: "batch",
      serviceAccountName: "*",
      mechanism: "irsa",
      permissionPolicyARNs: ["arn:aws:iam::111122223333:policy/batch"],
    });
    const [statement] = trustOf(tf, "pod-roles_batch_all-service-accounts_role");
    const host = "${local.pod-roles_oidc-issuer-host}";
    expect(statement.Condition).toEqual({
      StringEquals: { [`${host}:aud`]: "sts.amazonaws.com" },
      StringLike: { [`${host}:sub`]: "system:serviceaccount:batch:*" },
    });
    expect(resources(tf, "aws_iam_role")["pod-roles_batch_all-service-accounts_role"].name).toBe("dev-batch-any");
  });

  test("one OIDC provider per cluster, however many IRSA roles", () => {
    // GIVEN two IRSA roles, one created and one existing WHEN synthesized THEN one OIDC provider
    const tf = podRoles(
      { namespace: "a", serviceAccountName: "x", mechanism: "irsa", permissionPolicyARNs: ["arn:aws:iam::111122223333:policy/p"] },
      { namespace: "b", serviceAccountName: "y", mechanism: "irsa", roleARN: "arn:aws:iam::111122223333:role/existing" },
    );
    expect(Object.keys(resources(tf, "aws_iam_openid_connect_provider"))).toEqual(["pod-roles_oidc-provider"]);
  });

  test("an existing role is only associated, never created or changed", () => {
    // GIVEN a Pod Identity role given by roleARN WHEN synthesized THEN no IAM role is created, and the association uses that ARN
    const tf = podRoles({ namespace: "legacy", serviceAccountName: "worker", roleARN: "arn:aws:iam::111122223333:role/legacy-worker" });
    expect(resources(tf, "aws_iam_role")).toEqual({});
    expect(resources(tf, "aws_eks_pod_identity_association")["pod-roles_legacy_worker_association"].role_arn).toBe(
      "arn:aws:iam::111122223333:role/legacy-worker",
    );
  });

  test("inline policy, name, boundary and session duration", () => {
    // GIVEN a role with an inline policy, a role name, a permissions boundary and a 2-hour session WHEN synthesized
    // THEN the role has that name, boundary and session duration, and the inline policy as written
    const policy = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:PutObject"], Resource: "arn:aws:s3:::uploads/*" }],
    };
    const tf = podRoles({
      namespace: "app",
      serviceAccountName: "up",
      permissionPolicy: policy,
      roleName: "custom-up",
      permissionsBoundaryARN: "arn:aws:iam::111122223333:policy/boundary",
      maxSessionDuration: 7200,
    });
    expect(resources(tf, "aws_iam_role")["pod-roles_app_up_role"]).toMatchObject({
      name: "custom-up",
      permissions_boundary: "arn:aws:iam::111122223333:policy/boundary",
      max_session_duration: 7200,
    });
    expect(JSON.parse(resources(tf, "aws_iam_role_policy")["pod-roles_app_up_inline"].policy)).toEqual(policy);
  });

  test("reordering roles changes nothing", () => {
    // GIVEN a Pod Identity and an IRSA role WHEN added in one order and in the other THEN the same resources
    const a = { namespace: "app", serviceAccountName: "a", permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] };
    const b = {
      namespace: "app",
      serviceAccountName: "b",
      mechanism: "irsa" as const,
      permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    };
    const ab = podRoles(a, b);
    const ba = podRoles(b, a);
    expect(ab.resource).toEqual(ba.resource);
  });

  test("validation throws with the construct path", () => {
    // GIVEN a Pod Identity role for every service account (*) THEN it throws: Pod Identity takes one service account, or use irsa
    expect(() =>
      podRoles({ namespace: "app", serviceAccountName: "*", permissionPolicyARNs: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }),
    ).toThrow(
      'test/pod-roles[app/*]: serviceAccountName: "*" is not possible with Pod Identity, which associates one service account; name it, or use mechanism: irsa (every service account of the namespace may then assume the role)',
    );
    // AND GIVEN two roles for app/a THEN it throws: one role per service account
    const role = { namespace: "app", serviceAccountName: "a", roleARN: "arn:aws:iam::111122223333:role/x" };
    expect(() => podRoles(role, { ...role, roleARN: "arn:aws:iam::111122223333:role/y" })).toThrow(
      "test/pod-roles[app/a]: serviceAccountName: app/a already has a role at roles[0]; a service account gets one role per cluster — merge the permissions into that one",
    );
  });
});
