import { Construct } from "constructs";
import { kubernetesModule } from "../shared/kubernetes-bindings";
import { PodRoleMechanism } from "./pod-role-rules";

export interface PodServiceAccount {
  readonly namespace: string;
  readonly serviceAccountName: string;
  readonly mechanism: PodRoleMechanism;
  /** Annotated for IRSA (`eks.amazonaws.com/role-arn`). */
  readonly roleArn: string;
}

/**
 * ServiceAccounts for pod roles (in the in-cluster stack, which uses the Kubernetes provider).
 * IRSA needs the `eks.amazonaws.com/role-arn` annotation; Pod Identity needs none. The namespaces
 * must exist.
 */
export class PodServiceAccounts extends Construct {
  constructor(scope: Construct, id: string, accounts: readonly PodServiceAccount[]) {
    super(scope, id);
    const { ServiceAccountV1 } = kubernetesModule("service-account-v1", this.node.path);
    for (const a of accounts) {
      new ServiceAccountV1(this, `${a.namespace}_${a.serviceAccountName}`, {
        metadata: {
          name: a.serviceAccountName,
          namespace: a.namespace,
          annotations: a.mechanism === "irsa" ? { "eks.amazonaws.com/role-arn": a.roleArn } : undefined,
          labels: { "app.kubernetes.io/managed-by": "cdktf-private-eks" },
        },
        automountServiceAccountToken: true,
      });
    }
  }
}
