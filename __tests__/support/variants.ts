/** Config fragments shared by several test files. */

/** Pod roles of both mechanisms, created and brought along, attached and inline, and an IRSA wildcard. */
export const POD_ROLES = [
  { namespace: "app", serviceAccountName: "s3-reader", permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
  {
    namespace: "app",
    serviceAccountName: "uploader",
    mechanism: "irsa",
    maxSessionDuration: 7200,
    permissionsBoundaryARN: "arn:aws:iam::111122223333:policy/pod-boundary",
    permissionPolicy: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:PutObject"], Resource: "arn:aws:s3:::uploads/*" }],
    },
  },
  { namespace: "batch", serviceAccountName: "*", mechanism: "irsa", roleARN: "arn:aws:iam::111122223333:role/batch" },
  { namespace: "legacy", serviceAccountName: "worker", roleARN: "arn:aws:iam::111122223333:role/legacy-worker" },
];

/** 100 principals, each with one or two policies, cluster and namespace scopes, users and roles. */
export function hundredEntries(): object[] {
  return Array.from({ length: 100 }, (_, i) => ({
    principalARN: `arn:aws:iam::111122223333:${i % 4 === 0 ? "user" : "role"}/team-${i}`,
    ...(i % 3 === 0 ? { kubernetesGroups: [`team-${i}`] } : {}),
    accessPolicies: [
      { policyARN: "AmazonEKSViewPolicy", accessScope: { type: "namespace", namespaces: [`team-${i}`, "shared-*"] } },
      ...(i % 2 === 0 ? [{ policyARN: "AmazonEKSEditPolicy", accessScope: { type: "namespace", namespaces: [`team-${i}`] } }] : []),
    ],
  }));
}
