import { PrivateCluster } from "../../../modules/cluster/private-cluster";
import { PodRoles } from "../../../modules/pod-roles/pod-roles";
import { bindingsSupport } from "../../../modules/shared/aws6-options";
import { only } from "../../support/environment";
import { synthJson, testStack } from "../../support/fixture";

// This project's own bindings: @cdktf/provider-aws 20.1.0 (hashicorp/aws 5.100.0). The compatibility
// matrix (scripts/compat-matrix.js) runs the same options on 21.22.1 and CDK Terrain, where they synthesize.
const OLDER =
  "and the installed @cdktf/provider-aws 20.1.0 binds an older one; install @cdktf/provider-aws 21.22.1 (hashicorp/aws 6.25) or CDK Terrain's @cdktn/provider-aws 25.x";

const podRoles = () =>
  new PodRoles(testStack(), "pods", {
    cluster: {
      name: "dev",
      arn: "arn:aws:eks:eu-west-1:111122223333:cluster/dev",
      oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/X",
    },
    namePrefix: "dev",
  });

describe("hashicorp/aws 6 options on 5.x bindings", () => {
  test("detected on the generated classes: 20.1.0 has none of them", () => {
    // GIVEN the project's bindings WHEN asked THEN none of the provider-6 attributes exist there
    expect([bindingsSupport("deletionProtection"), bindingsSupport("targetRoleARN"), bindingsSupport("disableSessionTags")]).toEqual([
      false,
      false,
      false,
    ]);
  });

  test("PrivateCluster deletionProtection: true is an error at the construct, naming the provider version needed", () => {
    // GIVEN a cluster asking for EKS deletion protection WHEN it is constructed THEN
    expect(() => new PrivateCluster(testStack(), "eks", { name: "dev", subnetIds: ["subnet-a"], deletionProtection: true })).toThrow(
      `test/eks: deletionProtection: needs hashicorp/aws 6.9 or later (aws_eks_cluster.deletion_protection), ${OLDER}, or remove deletionProtection`,
    );
  });

  test("deletionProtection: false asks for nothing the bindings lack: synthesized without the attribute", () => {
    // GIVEN EKS's own default, written out
    const stack = testStack();
    new PrivateCluster(stack, "eks", { name: "dev", subnetIds: ["subnet-a"], deletionProtection: false });
    // WHEN synthesized THEN 20.1.0 drops what it does not know, and there is nothing to drop but a false
    expect(only(synthJson(stack), "aws_eks_cluster")).not.toHaveProperty("deletion_protection");
  });

  test("PodRoles targetRoleARN and disableSessionTags: both reported at once", () => {
    // GIVEN a Pod Identity role chained into another account, without session tags WHEN added THEN
    expect(() =>
      podRoles().add({
        namespace: "app",
        serviceAccountName: "reader",
        targetRoleARN: "arn:aws:iam::444455556666:role/data-reader",
        disableSessionTags: true,
      }),
    ).toThrow(
      [
        `test/pods[app/reader]: targetRoleARN: needs hashicorp/aws 6.2 or later (aws_eks_pod_identity_association.target_role_arn), ${OLDER}, or remove targetRoleARN`,
        `test/pods[app/reader]: disableSessionTags: needs hashicorp/aws 6.2 or later (aws_eks_pod_identity_association.disable_session_tags), ${OLDER}, or remove disableSessionTags`,
      ].join("\n"),
    );
  });

  test("a target role that is not a role ARN is reported beside the version", () => {
    // GIVEN a user ARN as target WHEN added THEN both problems, the ARN first
    expect(() =>
      podRoles().add({ namespace: "app", serviceAccountName: "reader", targetRoleARN: "arn:aws:iam::444455556666:user/x" }),
    ).toThrow(
      [
        `test/pods[app/reader]: targetRoleARN: "arn:aws:iam::444455556666:user/x" is not an IAM role ARN (example: arn:aws:iam::111122223333:role/eks-admins)`,
        `test/pods[app/reader]: targetRoleARN: needs hashicorp/aws 6.2 or later (aws_eks_pod_identity_association.target_role_arn), ${OLDER}, or remove targetRoleARN`,
      ].join("\n"),
    );
  });
});
