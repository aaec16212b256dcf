import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { NO_ACCESS_POLICY, tunnelPort } from "../environment/schema/bastion";
import { EnvironmentConfig } from "../environment/schema/environment";
import { Bastion } from "../modules/bastion/bastion";
import { ClusterAddons } from "../modules/cluster/addons";
import { PrivateCluster } from "../modules/cluster/private-cluster";
import { Network } from "../modules/network/network";
import { PodRoles } from "../modules/pod-roles/pod-roles";
import { clusterName } from "../core/names";
import { configureBackend } from "./backend";
import { PrivateEksStack } from "./private-eks-stack";
import { IN_CLUSTER_DEPLOY_POLICY, inClusterDeployGrant } from "./in-cluster-deploy";
import { kubeconfigDirect, kubeconfigThroughTunnel, tunnelCommand } from "./tunnel";

/**
 * `<name>-cluster`: everything that lives in AWS APIs — network, cluster, node groups, add-ons,
 * bastion, access entries and pod roles. It uses only the AWS provider, so it plans and applies
 * from CI outside the VPC even when the API endpoint is private, and it holds no Kubernetes
 * resource that could race EKS for the aws-auth ConfigMap.
 */
export class ClusterStack extends PrivateEksStack {
  readonly network: Network;
  readonly cluster: PrivateCluster;
  readonly addons: ClusterAddons;
  readonly bastion?: Bastion;
  readonly podRoles: PodRoles;

  constructor(
    scope: Construct,
    id: string,
    readonly config: EnvironmentConfig,
  ) {
    super(scope, id);
    configureBackend(this, config.backend, config);
    new AwsProvider(this, "aws", {
      region: config.region,
      defaultTags: Object.keys(config.tags).length ? [{ tags: config.tags }] : undefined,
    });
    this.network = new Network(this, "network", {
      name: config.name,
      cidr: config.network.cidr,
      azCount: config.network.azCount,
      availabilityZoneIds: config.network.availabilityZoneIds,
      availabilityZones: config.network.availabilityZones,
      subnetLayout: config.network.subnetLayout,
      egress: config.network.egress,
      singleNatGateway: config.network.singleNatGateway,
      flowLogRetentionDays: config.network.flowLogs.retentionDays,
    });

    const c = config.cluster;
    this.cluster = new PrivateCluster(this, "cluster", {
      name: clusterName(config.name, config.cluster.name),
      subnetIds: this.network.privateSubnetIds,
      version: c.version,
      endpoint: c.endpoint,
      publicAccessCidrs: c.publicAccessCidrs,
      allowPublicInternet: c.allowPublicInternet,
      authenticationMode: c.authenticationMode,
      logTypes: c.logTypes,
      logRetentionDays: c.logRetentionDays,
      protect: c.protect,
      deletionProtection: c.deletionProtection,
      upgradePolicy: c.upgradePolicy,
      tags: config.tags,
    });

    // The cluster keeps the order: add-ons nodes need → node groups → CoreDNS.
    this.addons = new ClusterAddons(this, "addons", {
      cluster: this.cluster,
      versions: Object.fromEntries(Object.entries(config.addons).flatMap(([name, a]) => (a.version ? [[name, a.version]] : []))),
    });
    for (const group of config.nodeGroups) this.cluster.addNodeGroup(group);

    if (config.bastion.enabled) {
      this.bastion = new Bastion(this, "bastion", {
        name: clusterName(config.name, config.cluster.name),
        vpcId: this.network.vpc.id,
        vpcCidr: this.network.cidr,
        subnetId: this.network.privateSubnetIds[0],
        cluster: this.cluster,
        internetEgress: this.network.egress === "nat",
        instanceType: config.bastion.instanceType,
      });
      // The tunnel needs no Kubernetes access: operators authenticate as themselves through it.
      if (config.bastion.accessPolicy !== NO_ACCESS_POLICY) {
        this.cluster.grantAccess(this.bastion.role.arn, { accessPolicies: [{ policyARN: config.bastion.accessPolicy }] }, "bastion");
      }
    }

    // The config's entries are the construct's options: same keys, same shapes.
    for (const { principalARN, ...options } of config.accessEntries) this.cluster.grantAccess(principalARN, options);

    // After the config's entries, so that the deploy role's own entry (if listed) only gains a policy.
    const deploy = inClusterDeployGrant(config);
    if (deploy) {
      this.cluster.grantAccess(deploy.principalARN, {
        accessPolicies: [{ policyARN: IN_CLUSTER_DEPLOY_POLICY, accessScope: { type: "namespace", namespaces: deploy.namespaces } }],
      });
    }

    this.podRoles = new PodRoles(this, "pod-roles", {
      cluster: this.cluster,
      podIdentityAgent: this.addons.podIdentityAgent,
      namePrefix: clusterName(config.name, config.cluster.name),
    });
    for (const role of config.podRoles) this.podRoles.add(role);

    this.outputs();
  }

  private outputs(): void {
    const cluster = this.cluster;
    new TerraformOutput(this, "cluster_name", {
      value: cluster.name,
      description: "EKS cluster name, for `aws eks get-token --cluster-name` and `aws eks describe-cluster --name`.",
    });
    new TerraformOutput(this, "cluster_arn", {
      value: cluster.arn,
      description: "EKS cluster ARN, for IAM policies and Pod Identity trust conditions.",
    });
    new TerraformOutput(this, "cluster_endpoint", {
      value: cluster.endpoint,
      description: "Kubernetes API endpoint. Private-only by default: reach it through the bastion with tunnel_command.",
    });
    const certificateAuthority = cluster.cluster.certificateAuthority.get(0).data;
    const region = this.config.region;
    if (!this.bastion) {
      new TerraformOutput(this, "kubeconfig", {
        value: kubeconfigDirect({ clusterName: cluster.name, endpoint: cluster.endpoint, certificateAuthority, region }),
        description:
          "A kubeconfig straight to cluster_endpoint (there is no bastion): from the publicAccessCidrs with a public endpoint, or from inside the VPC with a private one. Save it and set KUBECONFIG.",
      });
      return;
    }
    const localPort = tunnelPort(this.config);
    new TerraformOutput(this, "bastion_instance_id", {
      value: this.bastion.instance.id,
      description: "The SSM bastion's instance id, the --target of tunnel_command.",
    });
    new TerraformOutput(this, "tunnel_command", {
      value: tunnelCommand({ bastionInstanceId: this.bastion.instance.id, endpointHost: cluster.endpointHost, region, localPort }),
      description: `Run this (AWS CLI + Session Manager plugin) and keep it open: it forwards localhost:${localPort} (bastion.localPort) to the private API endpoint.`,
    });
    new TerraformOutput(this, "kubeconfig", {
      value: kubeconfigThroughTunnel({
        clusterName: cluster.name,
        endpointHost: cluster.endpointHost,
        certificateAuthority,
        region,
        localPort,
      }),
      description: `A kubeconfig that talks to the API through the tunnel (server https://localhost:${localPort}, tls-server-name = the endpoint host). Save it and set KUBECONFIG while tunnel_command runs.`,
    });
  }
}
