import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { EnvironmentConfig } from "../lib/config/schema/environment";
import { Network } from "../modules/network/network";
import { PrivateEksStack } from "./private-eks-stack";

/**
 * `<name>-cluster`: everything that lives in AWS APIs — network, cluster, node groups, add-ons,
 * bastion, access entries and pod roles. It uses only the AWS provider, so it plans and applies
 * from CI outside the VPC even when the API endpoint is private, and it holds no Kubernetes
 * resource that could race EKS for the aws-auth ConfigMap.
 */
export class ClusterStack extends PrivateEksStack {
  readonly network: Network;

  constructor(scope: Construct, id: string, readonly config: EnvironmentConfig) {
    super(scope, id);
    new AwsProvider(this, "aws", {
      region: config.region,
      defaultTags: Object.keys(config.tags).length ? [{ tags: config.tags }] : undefined,
    });
    this.network = new Network(this, "network", {
      name: config.name,
      cidr: config.network.cidr,
      azCount: config.network.azCount,
      egress: config.network.egress,
      singleNatGateway: config.network.singleNatGateway,
      flowLogRetentionDays: config.network.flowLogs.retentionDays,
    });
  }
}
