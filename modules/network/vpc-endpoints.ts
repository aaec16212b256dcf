import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { AwsContext } from "../shared/aws-context";

/**
 * What a private EKS cluster and its SSM bastion call with no internet path: image pulls (ecr.*,
 * s3), nodes joining (ec2, eks, sts), Pod Identity (eks-auth), logs, load balancers, autoscaling,
 * and Session Manager (ssm, ssmmessages, ec2messages).
 */
export const INTERFACE_ENDPOINT_SERVICES = [
  "ec2",
  "ecr.api",
  "ecr.dkr",
  "sts",
  "logs",
  "eks",
  "eks-auth",
  "elasticloadbalancing",
  "autoscaling",
  "ssm",
  "ssmmessages",
  "ec2messages",
] as const;

export interface VpcEndpointsProps {
  readonly name: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly subnetIds: string[];
  /** Route tables that get the S3 gateway endpoint. */
  readonly routeTableIds: string[];
}

/** Interface endpoints with private DNS, reachable on 443 from the VPC only, plus an S3 gateway. */
export class VpcEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  /** Interface endpoints keyed by service name (`eks-auth`, ...). */
  readonly interfaceEndpoints: Record<string, VpcEndpoint> = {};
  /** Everything egress through the endpoints needs: the endpoints, their security group and its rule. */
  readonly ready: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const aws = AwsContext.of(this);
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: `${props.name}-vpc-endpoints`,
      description: "VPC interface endpoints: HTTPS from inside the VPC only",
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-vpc-endpoints` },
    });
    const https = new VpcSecurityGroupIngressRule(this, "https-from-vpc", {
      securityGroupId: this.securityGroup.id,
      description: "HTTPS from the VPC to AWS service endpoints",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
    for (const service of INTERFACE_ENDPOINT_SERVICES) {
      this.interfaceEndpoints[service] = new VpcEndpoint(this, service, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${aws.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: props.subnetIds,
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: `${props.name}-${service}` },
      });
    }
    const s3 = new VpcEndpoint(this, "s3", {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${aws.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: props.routeTableIds,
      tags: { Name: `${props.name}-s3` },
    });
    this.ready.push(this.securityGroup, https, ...Object.values(this.interfaceEndpoints), s3);
  }
}
