import { PodRoleOptions, podRoleProblems, policyDocumentProblems } from "../../../modules/pod-roles/pod-role-rules";

const base: PodRoleOptions = {
  namespace: "app",
  serviceAccountName: "s3-reader",
  permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
};
const messages = (spec: Partial<PodRoleOptions>) => podRoleProblems({ ...base, ...spec }).map((p) => `${p.path.join(".")}: ${p.message}`);

describe("pod role rules", () => {
  test.each([
    [
      { namespace: "App" },
      'namespace: "App" is not a Kubernetes namespace name; use up to 63 lower-case letters, digits and "-" (example: app)',
    ],
    [
      { serviceAccountName: "S3_reader" },
      'serviceAccountName: "S3_reader" is not a service account name; use lower-case letters, digits, "-" and "." (example: s3-reader), or exactly "*" with mechanism: irsa',
    ],
    [
      { serviceAccountName: "reader-*" },
      'serviceAccountName: "reader-*" is not a service account name; use lower-case letters, digits, "-" and "." (example: s3-reader), or exactly "*" with mechanism: irsa',
    ],
    [
      { roleARN: "arn:aws:iam::111122223333:user/x", permissionPolicyARNs: undefined },
      'roleARN: "arn:aws:iam::111122223333:user/x" is not an IAM role ARN (example: arn:aws:iam::111122223333:role/eks-admins)',
    ],
    [
      { roleARN: "arn:aws:iam::111122223333:role/x" },
      "permissionPolicyARNs: has no effect with roleARN (an existing role is only associated, never changed); remove it, or remove roleARN to let the stack create the role",
    ],
    [
      { permissionPolicyARNs: [] },
      "permissionPolicyARNs: the role would have no permissions; give permissionPolicyARNs or permissionPolicy, or roleARN for an existing role",
    ],
    [
      { permissionPolicyARNs: ["AmazonS3ReadOnlyAccess"] },
      'permissionPolicyARNs.0: "AmazonS3ReadOnlyAccess" is not an IAM policy ARN (example: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess)',
    ],
    [{ maxSessionDuration: 60 }, "maxSessionDuration: 60 is out of range; use 3600 to 43200 seconds"],
    [{ roleName: "a/b" }, 'roleName: "a/b" is not an IAM role name; use up to 64 letters, digits and +=,.@_- (example: app-s3-reader)'],
    [
      { permissionsBoundaryARN: "boundary" },
      'permissionsBoundaryARN: "boundary" is not an IAM policy ARN (example: arn:aws:iam::111122223333:policy/boundary)',
    ],
    [
      { mechanism: "irsa", serviceAccountName: "*", createServiceAccount: true },
      "createServiceAccount: a wildcard service account cannot be created; set createServiceAccount: false",
    ],
  ] as const)("%p", (spec, message) => {
    // GIVEN a pod role with one malformed or contradictory option THEN that one problem, with the fix
    expect(messages(spec as Partial<PodRoleOptions>)).toEqual([message]);
  });

  test("inline policies parse and use real action names", () => {
    // GIVEN an inline policy with a misspelt action, all-action and all-service wildcards, an unknown service, a malformed action,
    // a lower-case Effect, a missing Resource, Allow with NotAction and a Principal THEN one problem for each, at its path; s3:Get* passes
    const problems = policyDocumentProblems({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["s3:GetObjekt", "s3:Get*", "*", "sqs:*", "notaservice:Do", "s3 GetObject"], Resource: "*" },
        { Effect: "allow", Action: "s3:GetObject" },
        { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
        { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" },
      ],
    }).map((p) => `${p.path.join(".")}: ${p.message}`);
    expect(problems).toEqual([
      'Statement.0.Action.0: "s3:GetObjekt" is not an action of s3 (did you mean s3:GetObject?); check AWS\'s service authorization reference',
      'Statement.0.Action.2: "*" grants every AWS action; list the actions the workload needs (example: s3:GetObject)',
      'Statement.0.Action.3: "sqs:*" grants every sqs action; list the actions the workload needs',
      'Statement.0.Action.4: "notaservice" is not an AWS service prefix in AWS\'s service authorization reference (example: s3:GetObject)',
      'Statement.0.Action.5: "s3 GetObject" is not an IAM action; write service:Action (example: s3:GetObject)',
      "Statement.1.Effect: use Allow or Deny",
      "Statement.1.Resource: is required (example: arn:aws:s3:::my-bucket/*)",
      "Statement.2.NotAction: Allow with NotAction grants everything else; list the allowed actions under Action",
      "Statement.3.Principal: unknown statement key; allowed: Sid, Effect, Action, NotAction, Resource, NotResource, Condition (no Principal in identity policies)",
    ]);
  });

  test("a valid inline policy", () => {
    // GIVEN an inline policy allowing two DynamoDB actions on one table THEN no problem
    expect(
      policyDocumentProblems({
        Version: "2012-10-17",
        Statement: {
          Effect: "Allow",
          Action: ["dynamodb:GetItem", "dynamodb:Query"],
          Resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",
        },
      }),
    ).toEqual([]);
  });
});
