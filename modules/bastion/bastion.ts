import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { throwIfAny } from "../../core/problems";
import { bastionName } from "../../core/names";
import { isArmInstanceType } from "../cluster/node-group-rules";
import { BASTION_INSTANCE_TYPE, bastionInstanceTypeProblem } from "./bastion-rules";
import { policyDocument } from "../shared/policy-document";
import { ServiceRole } from "../shared/service-role";
import { isToken } from "../shared/tokens";

/** What the bastion needs of its cluster. */
export interface BastionCluster {
  /** The bastion's role may describe only this cluster. */
  readonly arn: string;
  /** Opened to the bastion on 443. */
  readonly clusterSecurityGroupId: string;
}

export interface BastionProps {
  /** Prefix of names, e.g. the cluster name. */
  readonly name: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** A private subnet for the instance. */
  readonly subnetId: string;
  /** The cluster the bastion tunnels to (a `PrivateCluster` has both). */
  readonly cluster: BastionCluster;
  /**
   * Whether HTTPS to the internet is allowed (Session Manager over NAT). Without it the bastion
   * reaches Session Manager through the VPC's ssm, ssmmessages and ec2messages endpoints.
   * @default true
   */
  readonly internetEgress?: boolean;
  /** @default BASTION_INSTANCE_TYPE ("t3.micro") */
  readonly instanceType?: string;
}

/** Families that cannot be EBS-optimized. */
const NOT_EBS_OPTIMIZABLE = /^(t1|t2|m1|m2|c1|cc2|cg1|cr1|hi1|hs1)\./;

/**
 * An SSM-only bastion for reaching a private API endpoint: Session Manager port forwarding
 * (`AWS-StartPortForwardingSessionToRemoteHost`) to the endpoint on 443. No SSH key, no public IP,
 * no inbound rules; IMDSv2 only; encrypted root volume; HTTPS out only.
 */
export class Bastion extends Construct {
  readonly instance: Instance;
  readonly role: ServiceRole;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: BastionProps) {
    super(scope, id);
    const instanceType = props.instanceType ?? BASTION_INSTANCE_TYPE;
    const instanceTypeIssue = isToken(instanceType) ? undefined : bastionInstanceTypeProblem(instanceType);
    if (instanceTypeIssue) throwIfAny(this.node.path, [{ path: ["instanceType"], message: instanceTypeIssue }]);
    const architecture = isArmInstanceType(instanceType) ? "arm64" : "x86_64";
    const ami = new DataAwsSsmParameter(this, "ami", {
      name: `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`,
    });

    this.role = new ServiceRole(this, "role", {
      name: bastionName(props.name),
      description: `SSM bastion of ${props.name}: Session Manager only`,
      service: "ec2.amazonaws.com",
      managedPolicies: ["AmazonSSMManagedInstanceCore"],
    });
    new IamRolePolicy(this, "describe-cluster", {
      role: this.role.name,
      name: "describe-cluster",
      policy: policyDocument(
        { Sid: "DescribeThisCluster", Effect: "Allow", Action: "eks:DescribeCluster", Resource: props.cluster.arn },
        // ListClusters supports no resource-level permissions.
        { Sid: "ListClusters", Effect: "Allow", Action: "eks:ListClusters", Resource: "*" },
      ),
    });
    const profile = new IamInstanceProfile(this, "instance-profile", { name: bastionName(props.name), role: this.role.name });

    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: bastionName(props.name),
      description: "SSM bastion: no inbound rules, HTTPS out only",
      vpcId: props.vpcId,
      tags: { Name: bastionName(props.name) },
    });
    new VpcSecurityGroupEgressRule(this, "https-to-vpc", {
      securityGroupId: this.securityGroup.id,
      description: "HTTPS to the cluster endpoint and VPC endpoints",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
    if (props.internetEgress ?? true) {
      new VpcSecurityGroupEgressRule(this, "https-to-internet", {
        securityGroupId: this.securityGroup.id,
        description: "HTTPS to Session Manager and AWS APIs through NAT",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
      });
    }
    new VpcSecurityGroupIngressRule(this, "cluster-api-from-bastion", {
      securityGroupId: props.cluster.clusterSecurityGroupId,
      description: "Kubernetes API from the SSM bastion",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: this.securityGroup.id,
    });

    this.instance = new Instance(this, "instance", {
      ami: ami.value,
      instanceType,
      subnetId: props.subnetId,
      vpcSecurityGroupIds: [this.securityGroup.id],
      iamInstanceProfile: profile.name,
      associatePublicIpAddress: false,
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
      rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 16, deleteOnTermination: true },
      monitoring: true,
      ebsOptimized: NOT_EBS_OPTIMIZABLE.test(instanceType) ? undefined : true,
      tags: { Name: bastionName(props.name) },
      dependsOn: [...this.role.attachments],
      // A newer AMI must not replace the bastion on every plan; replace it deliberately
      // (`terraform apply -replace=...`) to pick up a new image.
      lifecycle: { ignoreChanges: ["ami"] },
    });
  }
}
