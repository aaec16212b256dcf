import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { ITerraformDependable, Token } from "cdktf";
import { Construct } from "constructs";
import { throwIfAny } from "../../lib/problems";
import { CapacityType, TaintEffect, isArmInstanceType, nodeGroupProblems } from "./node-group-rules";

export interface NodeGroupTaint {
  readonly key: string;
  /** @default - no value */
  readonly value?: string;
  readonly effect: TaintEffect;
}

export interface NodeGroupOptions {
  /** The group's name and stable key: renaming it replaces the group. */
  readonly name: string;
  /**
   * Instance types, in order of preference.
   * @default ["m6i.large"]
   */
  readonly instanceTypes?: string[];
  /** @default "ON_DEMAND" */
  readonly capacityType?: CapacityType;
  /** @default 2 */
  readonly minSize?: number;
  /** @default 4 */
  readonly maxSize?: number;
  /**
   * Size at creation. Later changes are ignored so that an autoscaler is not fought.
   * @default - minSize
   */
  readonly desiredSize?: number;
  /**
   * Root volume size (encrypted gp3).
   * @default 50
   */
  readonly diskSizeGiB?: number;
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly taints?: NodeGroupTaint[];
  /**
   * IMDSv2 hop limit. 1 stops pods (one network hop further) from reading the node role's
   * credentials from the instance metadata service, which would make pod roles meaningless.
   * Raise it only for workloads that must use the node role.
   * @default 1
   */
  readonly httpPutResponseHopLimit?: number;
}

export interface NodeGroupProps extends NodeGroupOptions {
  readonly clusterName: string;
  readonly clusterVersion: string;
  readonly nodeRoleArn: string;
  /** Private subnets only. */
  readonly subnetIds: string[];
  /**
   * What must exist before nodes start (the CNI and Pod Identity add-ons).
   * @default - nothing
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A managed node group in private subnets, on a launch template with IMDSv2 required (hop limit 1),
 * an encrypted gp3 root volume, detailed monitoring, no SSH key and no public IP.
 */
export class NodeGroup extends Construct {
  readonly nodeGroup: EksNodeGroup;
  readonly launchTemplate: LaunchTemplate;

  constructor(scope: Construct, id: string, props: NodeGroupProps) {
    super(scope, id);
    const instanceTypes = props.instanceTypes ?? ["m6i.large"];
    const minSize = props.minSize ?? 2;
    const maxSize = props.maxSize ?? 4;
    const hopLimit = props.httpPutResponseHopLimit ?? 1;
    throwIfAny(this.node.path, [
      ...nodeGroupProblems({ name: props.name, instanceTypes, minSize, maxSize, desiredSize: props.desiredSize }),
      ...(hopLimit < 1 || hopLimit > 64 ? [{ path: ["httpPutResponseHopLimit"], message: `${hopLimit} is out of range; use 1 to 64 (1 is recommended)` }] : []),
    ]);

    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name: `${props.clusterName}-${props.name}`,
      description: `Nodes of ${props.clusterName}/${props.name}: IMDSv2 only, encrypted root volume`,
      updateDefaultVersion: true,
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: hopLimit },
      blockDeviceMappings: [
        { deviceName: "/dev/xvda", ebs: { volumeSize: props.diskSizeGiB ?? 50, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
      ],
      monitoring: { enabled: true },
      tagSpecifications: [{ resourceType: "instance", tags: { Name: `${props.clusterName}-${props.name}` } }],
    });

    this.nodeGroup = new EksNodeGroup(this, "node-group", {
      clusterName: props.clusterName,
      nodeGroupName: props.name,
      version: props.clusterVersion,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: props.subnetIds,
      instanceTypes,
      capacityType: props.capacityType ?? "ON_DEMAND",
      amiType: isArmInstanceType(instanceTypes[0]) ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
      scalingConfig: { minSize, maxSize, desiredSize: props.desiredSize ?? minSize },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      labels: props.labels,
      taint: props.taints?.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
      dependsOn: props.dependsOn,
      lifecycle: { ignoreChanges: ["scaling_config[0].desired_size"] },
    });
  }
}
