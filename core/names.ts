/**
 * Every name derived from an environment's name or its cluster's name, in one place: stacks,
 * constructs, the config schema and the review all use these, so a rule about a name (such as
 * "do not list the node role in accessEntries") always means the name that is created.
 */

/** The stack of everything in AWS APIs. */
export function clusterStackId(environment: string): string {
  return `${environment}-cluster`;
}

/** The stack of what is written through the Kubernetes API. */
export function inClusterStackId(environment: string): string {
  return `${environment}-in-cluster`;
}

/** The EKS cluster name: `cluster.name` when set, else the environment name. */
export function clusterName(environment: string, configured?: string): string {
  return configured ?? environment;
}

/** The IAM role of the EKS control plane. */
export function clusterRoleName(cluster: string): string {
  return iamName(`${cluster}-cluster`);
}

/** The IAM role every managed node group's nodes use. */
export function nodeRoleName(cluster: string): string {
  return iamName(`${cluster}-node`);
}

/** The bastion's instance, security group and instance profile (and, through `iamName`, its role). */
export function bastionName(cluster: string): string {
  return `${cluster}-bastion`;
}

/** The bastion's IAM role. */
export function bastionRoleName(cluster: string): string {
  return iamName(bastionName(cluster));
}

/** IAM role names are at most 64 characters: longer ones keep their start and end, with a hash between. */
export function iamName(name: string): string {
  if (name.length <= 64) return name;
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `${name.slice(0, 48)}-${hash.toString(36).padStart(7, "0").slice(0, 7)}-${name.slice(-7)}`;
}
