/**
 * The access entry vocabulary, one for every layer: the YAML's `accessEntries` items, the options of
 * `PrivateCluster.grantAccess` / `AccessEntries.grant`, and the rules all use these names and
 * shapes (eksctl's key names), so an entry is never translated on its way to Terraform.
 */

/** Access entry types (EKS `CreateAccessEntry`), case-sensitive. */
export const ACCESS_ENTRY_TYPES = [
  "STANDARD",
  "EC2_LINUX",
  "EC2_WINDOWS",
  "FARGATE_LINUX",
  "EC2",
  "HYBRID_LINUX",
  "HYPERPOD_LINUX",
] as const;
export type AccessEntryType = (typeof ACCESS_ENTRY_TYPES)[number];

/** Where an access policy applies: the whole cluster, or some namespaces (wildcards like `dev-*` allowed). */
export type AccessScope =
  | { readonly type: "cluster"; readonly namespaces?: readonly string[] }
  | { readonly type: "namespace"; readonly namespaces: readonly string[] };

/** One access policy of an entry (an item of `accessPolicies`). */
export interface AccessPolicyGrant {
  /**
   * A published policy name (`AmazonEKSViewPolicy`, see `AccessPolicies` and `KNOWN_ACCESS_POLICIES`)
   * or a full ARN; an ARN naming a policy the package does not know gets an info annotation.
   */
  readonly policyARN: string;
  /**
   * Where the policy applies.
   * @default { type: "cluster" }
   */
  readonly accessScope?: AccessScope;
}

/** What an access entry grants its principal (everything but `principalARN`). */
export interface AccessEntryOptions {
  /**
   * The entry type; only `STANDARD` takes groups, a username and policies.
   * @default "STANDARD"
   */
  readonly type?: AccessEntryType;
  /**
   * Kubernetes groups for RBAC bindings of your own (never `system:*`).
   * @default - none
   */
  readonly kubernetesGroups?: readonly string[];
  /**
   * The Kubernetes username.
   * @default - EKS generates one (AWS recommends that)
   */
  readonly kubernetesUsername?: string;
  /**
   * EKS access policies to associate.
   * @default - none (RBAC through kubernetesGroups only)
   */
  readonly accessPolicies?: readonly AccessPolicyGrant[];
}

/** An access entry: an IAM role or user ARN (paths allowed) and what it is granted. */
export interface AccessEntry extends AccessEntryOptions {
  readonly principalARN: string;
}

/** An access entry as given, before the rules have checked it: the same keys, any strings. */
export interface AccessEntrySpec {
  readonly principalARN: string;
  readonly type?: string;
  readonly kubernetesGroups?: readonly string[];
  readonly kubernetesUsername?: string;
  readonly accessPolicies?: ReadonlyArray<{
    readonly policyARN: string;
    readonly accessScope?: { readonly type: string; readonly namespaces?: readonly string[] };
  }>;
}
