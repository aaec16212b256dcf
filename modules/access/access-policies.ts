import { Problem } from "../../core/problems";
import { closest } from "../../core/closest";

/** Typed constants for the access policies people grant most. */
export const AccessPolicies = {
  CLUSTER_ADMIN: "AmazonEKSClusterAdminPolicy",
  ADMIN: "AmazonEKSAdminPolicy",
  ADMIN_VIEW: "AmazonEKSAdminViewPolicy",
  EDIT: "AmazonEKSEditPolicy",
  VIEW: "AmazonEKSViewPolicy",
  SECRET_READER: "AmazonEKSSecretReaderPolicy",
  AUTO_NODE: "AmazonEKSAutoNodePolicy",
} as const;

/**
 * Every published EKS access policy, as of November 2026. Sources: the output of
 * `aws eks list-access-policies` (34 names, captured 2026; the EKS user guide page "Review access
 * policy permissions" documents the command and shows the first entries), plus
 * AmazonEKSClusterInsightsPolicy, which that page describes but the capture lacks, and the HyperPod
 * training, inference and inference-monitoring policies named in the SageMaker HyperPod guides.
 * AWS adds policies: a full ARN with another name is accepted with a note (`accessPolicyNote`).
 */
export const KNOWN_ACCESS_POLICIES = [
  "AIDevOpsAgentAccessPolicy",
  "AmazonAIOpsAssistantPolicy",
  "AmazonARCRegionSwitchScalingPolicy",
  "AmazonEKSACKPolicy",
  "AmazonEKSAdminPolicy",
  "AmazonEKSAdminViewPolicy",
  "AmazonEKSArgoCDClusterPolicy",
  "AmazonEKSArgoCDPolicy",
  "AmazonEKSAutoNodePolicy",
  "AmazonEKSBlockStorageClusterPolicy",
  "AmazonEKSBlockStoragePolicy",
  "AmazonEKSClusterAdminPolicy",
  "AmazonEKSClusterInsightsPolicy",
  "AmazonEKSComputeClusterPolicy",
  "AmazonEKSComputePolicy",
  "AmazonEKSEditPolicy",
  "AmazonEKSEventPolicy",
  "AmazonEKSHybridPolicy",
  "AmazonEKSKROPolicy",
  "AmazonEKSLoadBalancingClusterPolicy",
  "AmazonEKSLoadBalancingPolicy",
  "AmazonEKSNetworkingClusterPolicy",
  "AmazonEKSNetworkingPolicy",
  "AmazonEKSPodIdentityPolicy",
  "AmazonEKSSecretAdminPolicy",
  "AmazonEKSSecretReaderPolicy",
  "AmazonEKSViewPolicy",
  "AmazonEMRJobPolicy",
  "AmazonSagemakerHyperpodClusterPolicy",
  "AmazonSagemakerHyperpodControllerPolicy",
  "AmazonSagemakerHyperpodInferenceMonitoringPolicy",
  "AmazonSagemakerHyperpodInferencePolicy",
  "AmazonSagemakerHyperpodSpacePolicy",
  "AmazonSagemakerHyperpodSpaceTemplatePolicy",
  "AmazonSagemakerHyperpodSystemNamespacePolicy",
  "AmazonSagemakerHyperpodTrainingPolicy",
  "AmazonSagemakerHyperpodUserClusterPolicy",
] as const;
export type AccessPolicyName = (typeof KNOWN_ACCESS_POLICIES)[number];

/** How much the policies people grant most allow, to tell a widening from a narrowing (see `accessPolicyRank`). */
const RANK: Readonly<Record<(typeof AccessPolicies)[Exclude<keyof typeof AccessPolicies, "AUTO_NODE">], number>> = {
  [AccessPolicies.VIEW]: 1,
  [AccessPolicies.ADMIN_VIEW]: 2,
  [AccessPolicies.SECRET_READER]: 2,
  [AccessPolicies.EDIT]: 3,
  [AccessPolicies.ADMIN]: 4,
  [AccessPolicies.CLUSTER_ADMIN]: 5,
};

/**
 * How much a policy (name or ARN) allows: view 1, admin view and secret reader 2, edit 3, admin 4,
 * cluster admin 5; any other policy counts as edit (3), so a change to it is never read as a narrowing.
 */
export function accessPolicyRank(nameOrArn: string): number {
  const name = accessPolicyName(nameOrArn);
  return (name !== undefined ? (RANK as Readonly<Record<string, number>>)[name] : undefined) ?? 3;
}

const KNOWN: ReadonlySet<string> = new Set(KNOWN_ACCESS_POLICIES);
/** "Designated for AWS service-linked roles only" (EKS user guide, "Review access policy permissions"). */
const SERVICE_LINKED_ONLY: ReadonlySet<string> = new Set([
  "AmazonEKSBlockStorageClusterPolicy",
  "AmazonEKSBlockStoragePolicy",
  "AmazonEKSClusterInsightsPolicy",
  "AmazonEKSComputeClusterPolicy",
  "AmazonEKSComputePolicy",
  "AmazonEKSHybridPolicy",
]);
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

/** The known policy a misspelt name was meant to be: a near miss, or the name without "AmazonEKS"/"Policy". */
function meant(name: string): string | undefined {
  for (const candidate of [name, `${name}Policy`, `AmazonEKS${name}`, `AmazonEKS${name}Policy`]) {
    const guess = closest(candidate, KNOWN_ACCESS_POLICIES);
    if (guess) return guess;
  }
  return undefined;
}

/**
 * Why `nameOrArn` cannot be associated, or nothing. A short name must be a known policy; a full
 * ARN may name a policy this list does not know yet, unless it is a near miss of a known one.
 */
export function accessPolicyProblems(nameOrArn: string): Problem[] {
  const name = accessPolicyName(nameOrArn);
  if (name === undefined) {
    return [
      {
        path: [],
        message: `${JSON.stringify(nameOrArn)} is not an EKS access policy; use a name such as AmazonEKSViewPolicy or an ARN arn:aws:eks::aws:cluster-access-policy/<Name>`,
      },
    ];
  }
  if (SERVICE_LINKED_ONLY.has(name)) {
    return [
      {
        path: [],
        message: `${name} is for AWS service-linked roles only, which EKS grants it to itself; it cannot be associated with your principals — remove it`,
      },
    ];
  }
  if (KNOWN.has(name)) return [];
  const guess = meant(name);
  const isArn = name !== nameOrArn;
  if (guess) {
    const fix = isArn ? nameOrArn.slice(0, -name.length) + guess : guess;
    return [{ path: [], message: `${name} is not a published EKS access policy; did you mean ${guess}? write ${fix}` }];
  }
  if (isArn) return [];
  return [
    {
      path: [],
      message: `${JSON.stringify(name)} is not a published EKS access policy; use one of ${[AccessPolicies.CLUSTER_ADMIN, AccessPolicies.ADMIN, AccessPolicies.EDIT, AccessPolicies.VIEW].join(", ")} (aws eks list-access-policies lists all), or for a policy newer than this package its full ARN arn:aws:eks::aws:cluster-access-policy/${name}`,
    },
  ];
}

/** A note for a full policy ARN naming a policy this package does not know (accepted, never silently). */
export function accessPolicyNote(nameOrArn: string): string | undefined {
  const name = accessPolicyName(nameOrArn);
  if (name === undefined || name === nameOrArn || KNOWN.has(name) || meant(name)) return undefined;
  return `${name} is not an access policy this package knows (aws eks list-access-policies lists the current ones); it is used as written — an unknown policy fails at apply, so check the name`;
}
