import { Problem } from "../../lib/problems";

/** EKS access policies known at the time of writing; any name matching the ARN pattern is accepted. */
export const AccessPolicies = {
  CLUSTER_ADMIN: "AmazonEKSClusterAdminPolicy",
  ADMIN: "AmazonEKSAdminPolicy",
  ADMIN_VIEW: "AmazonEKSAdminViewPolicy",
  EDIT: "AmazonEKSEditPolicy",
  VIEW: "AmazonEKSViewPolicy",
  SECRET_READER: "AmazonEKSSecretReaderPolicy",
  AUTO_NODE: "AmazonEKSAutoNodePolicy",
} as const;

const POLICY_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const POLICY_ARN = /^arn:(aws[a-z-]*):eks::aws:cluster-access-policy\/([A-Za-z][A-Za-z0-9_-]*)$/;

/** The policy name from a short name or a full ARN, or undefined when it is neither. */
export function accessPolicyName(nameOrArn: string): string | undefined {
  if (POLICY_NAME.test(nameOrArn)) return nameOrArn;
  return POLICY_ARN.exec(nameOrArn)?.[2];
}

/** `arn:<partition>:eks::aws:cluster-access-policy/<name>` (partition may be a token). */
export function accessPolicyArn(name: string, partition: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${name}`;
}

export function accessPolicyProblems(nameOrArn: string): Problem[] {
  if (accessPolicyName(nameOrArn) !== undefined) return [];
  return [{
    path: [],
    message: `${JSON.stringify(nameOrArn)} is not an EKS access policy; use a name such as AmazonEKSViewPolicy or an ARN arn:aws:eks::aws:cluster-access-policy/<Name>`,
  }];
}
