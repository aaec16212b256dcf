import { Fn } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentConfig } from "../environment/schema/environment";
import { LegacyAwsAuth } from "../modules/access/legacy-aws-auth";
import { kubernetesModule } from "../modules/shared/kubernetes-bindings";
import { PodServiceAccounts } from "../modules/pod-roles/service-accounts";
import { keepsLegacyAwsAuth } from "../environment/stack-ids";
import { clusterName } from "../core/names";
import { ClusterStack } from "./cluster-stack";
import { configureBackend } from "./backend";
import { PrivateEksStack } from "./private-eks-stack";

/**
 * `<name>-in-cluster`: what can only be written through the Kubernetes API (aws-auth mappings kept
 * while migrating, ServiceAccounts for pod roles). It exists only when
 * needed, depends on the cluster stack (so it is planned after the cluster and its node groups
 * exist), and reads the endpoint and CA from the cluster stack's state. Its provider authenticates
 * with `aws eks get-token`; with `inCluster.apiServerUrl` (e.g. the bastion tunnel) it connects there
 * while `tls_server_name` keeps verifying the real endpoint's certificate. It is the only user of
 * the optional `@cdktf/provider-kubernetes` bindings, loaded when the stack is built.
 */
export class InClusterStack extends PrivateEksStack {
  constructor(scope: Construct, id: string, config: EnvironmentConfig, cluster: ClusterStack) {
    super(scope, id);
    configureBackend(this, config.backend, config);
    this.addDependency(cluster);
    const apiServerUrl = config.inCluster.apiServerUrl;
    const { KubernetesProvider } = kubernetesModule("provider", this.node.path);
    new KubernetesProvider(this, "kubernetes", {
      host: apiServerUrl ?? cluster.cluster.endpoint,
      tlsServerName: apiServerUrl ? cluster.cluster.endpointHost : undefined,
      clusterCaCertificate: Fn.base64decode(cluster.cluster.cluster.certificateAuthority.get(0).data),
      exec: [
        {
          apiVersion: "client.authentication.k8s.io/v1beta1",
          command: "aws",
          args: ["eks", "get-token", "--cluster-name", clusterName(config.name, config.cluster.name), "--region", config.region],
        },
      ],
    });
    if (config.legacyAwsAuth && keepsLegacyAwsAuth(config)) {
      new LegacyAwsAuth(this, "legacy", {
        nodeRoleArns: cluster.cluster.nodeRoleArns,
        mapRoles: config.legacyAwsAuth.mapRoles,
        mapUsers: config.legacyAwsAuth.mapUsers,
      });
    }
    const serviceAccounts = cluster.podRoles.roles.filter((r) => r.createServiceAccount);
    if (serviceAccounts.length) new PodServiceAccounts(this, "service-accounts", serviceAccounts);
  }
}
