import { PolicyStatement, policyDocument } from "../shared/policy-document";

/**
 * EKS Pod Identity trust: the pods service may assume the role (and tag the session) only with
 * the session tags of this cluster, this namespace and this service account.
 */
export function podIdentityTrust(o: { clusterArn: string; namespace: string; serviceAccountName: string }): string {
  return policyDocument(podIdentityStatement(o));
}

/**
 * The Pod Identity trust statement. Without `clusterArn` it is not narrowed to a cluster (for roles
 * brought along whose cluster is not known); lists of namespaces or service accounts admit each.
 */
export function podIdentityStatement(o: {
  clusterArn?: string;
  namespace: string | string[];
  serviceAccountName: string | string[];
}): PolicyStatement {
  return {
    Sid: "EksPodIdentity",
    Effect: "Allow",
    Principal: { Service: "pods.eks.amazonaws.com" },
    Action: ["sts:AssumeRole", "sts:TagSession"],
    Condition: {
      StringEquals: {
        ...(o.clusterArn ? { "aws:RequestTag/eks-cluster-arn": o.clusterArn } : {}),
        "aws:RequestTag/kubernetes-namespace": o.namespace,
        "aws:RequestTag/kubernetes-service-account": o.serviceAccountName,
      },
    },
  };
}

/**
 * IRSA trust: web identities from the cluster's OIDC issuer for exactly this service account
 * (`StringEquals` on sub) and audience STS. An explicit `*` service account uses `StringLike` on sub
 * (any service account of the namespace), and still `StringEquals` on aud.
 */
export function irsaTrust(o: { oidcProviderArn: string; issuerHost: string; namespace: string; serviceAccountName: string }): string {
  const sub = `system:serviceaccount:${o.namespace}:${o.serviceAccountName}`;
  const wildcard = o.serviceAccountName === "*";
  return policyDocument({
    Sid: "EksIrsa",
    Effect: "Allow",
    Principal: { Federated: o.oidcProviderArn },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: wildcard
      ? { StringEquals: { [`${o.issuerHost}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${o.issuerHost}:sub`]: sub } }
      : { StringEquals: { [`${o.issuerHost}:sub`]: sub, [`${o.issuerHost}:aud`]: "sts.amazonaws.com" } },
  });
}
