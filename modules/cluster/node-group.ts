import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { ITerraformDependable, TerraformResource, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { throwIfAny } from "../../core/problems";
import { isToken, knownValueProblems, tokenProblem } from "../shared/tokens";
import {
  CapacityType,
  MaxUnavailable,
  TaintEffect,
  hopLimitProblem,
  isArmInstanceType,
  maxUnavailableProblems,
  nodeGroupProblems,
  updateConfigOf,
} from "./node-group-rules";

export interface NodeGroupTaint {
  readonly key: string;
  /** @default - no value */
  readonly value?: string;
  readonly effect: TaintEffect;
}

export interface NodeGroupOptions {
  /**
   * The group's stable key (its Terraform address) and the prefix of its EKS name: EKS names it
   * `<name>-<unique suffix>`, so a replacement starts beside the old group before that one is
   * deleted. To rename a group, set `renamedFrom` to its old name. Up to 36 characters.
   */
  readonly name: string;
  /**
   * The group's previous name, when it is renamed. Terraform `moved` blocks then carry the old
   * group's addresses (its `aws_eks_node_group` and `aws_launch_template`) to this group's, so the
   * rename is a create-before-destroy replacement: the new group (new name prefix) and its nodes
   * exist before the old group is drained and deleted. Without it, a rename is a delete of the old
   * address and a create of the new one, in no set order. A moved block whose old address is not
   * in the state does nothing: remove this once the rename is applied (or keep it; it is harmless
   * until a new group takes the old name, which is refused).
   * @default - not renamed
   */
  readonly renamedFrom?: string;
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
   * Nodes to run. Managed by Terraform unless `autoscaler` is set, so raising `minSize` raises it
   * too; with `autoscaler: true` it is the size at creation only.
   * @default - minSize
   */
  readonly desiredSize?: number;
  /**
   * An autoscaler (Cluster Autoscaler) owns the group's desired size: Terraform sets it at
   * creation and then leaves it alone (`ignore_changes`). Raising `minSize` above the size the
   * autoscaler chose then needs a one-off `aws eks update-nodegroup-config` (see README).
   * @default false - Terraform manages the desired size (`desiredSize`, else `minSize`)
   */
  readonly autoscaler?: boolean;
  /**
   * Nodes EKS may take out of service at once while it rolls the group (a new launch template
   * version, a Kubernetes version, AMI release): a count 1-100, or a percentage `"1%"`-`"100%"`.
   * 1 keeps a group of the default size (2) at least half serving during a roll; raise it, or use
   * a percentage, to roll large groups faster.
   * @default 1
   */
  readonly maxUnavailable?: MaxUnavailable;
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
  /**
   * Tags for the instances, volumes and network interfaces EC2 launches from the template (the
   * provider's `default_tags` do not reach them), e.g. for cost allocation.
   * @default - only `Name`
   */
  readonly tags?: Record<string, string>;
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
 *
 * Day 2: both the group and its launch template are named from a prefix and created before they
 * are destroyed, so a change EKS cannot make in place (instance types, capacity type, AMI type,
 * subnets, a rename) starts the new group before the old one drains. Everything else (labels,
 * taints, scaling, launch-template contents, the Kubernetes version) is an in-place update that EKS
 * rolls `maxUnavailable` nodes at a time.
 */
export class NodeGroup extends Construct {
  readonly nodeGroup: EksNodeGroup;
  readonly launchTemplate: LaunchTemplate;
  /** The group's previous name when it was renamed (see `NodeGroupOptions.renamedFrom`). */
  readonly renamedFrom?: string;

  constructor(scope: Construct, id: string, props: NodeGroupProps) {
    super(scope, id);
    this.renamedFrom = props.renamedFrom;
    const instanceTypes = props.instanceTypes ?? ["m6i.large"];
    const minSize = props.minSize ?? 2;
    const maxSize = props.maxSize ?? 4;
    const hopLimit = props.httpPutResponseHopLimit ?? 1;
    const maxUnavailable = props.maxUnavailable ?? 1;
    const diskSizeGiB = props.diskSizeGiB ?? 50;
    const checked = {
      name: props.name,
      instanceTypes,
      minSize,
      maxSize,
      desiredSize: props.desiredSize,
      diskSizeGiB,
      httpPutResponseHopLimit: hopLimit,
      maxUnavailable,
    };
    throwIfAny(this.node.path, [
      ...knownValueProblems(checked, [
        ...nodeGroupProblems(checked),
        ...[hopLimitProblem(hopLimit)].filter((m) => m !== undefined).map((message) => ({ path: ["httpPutResponseHopLimit"], message })),
        ...maxUnavailableProblems(maxUnavailable).map((p) => ({ ...p, path: ["maxUnavailable"] })),
      ]),
      // A count may be a token; whether a text is a count or a percentage decides update_config's key.
      ...(typeof maxUnavailable === "string" && isToken(maxUnavailable)
        ? [tokenProblem(["maxUnavailable"], `decides between update_config's max_unavailable and max_unavailable_percentage`, `"25%"`)]
        : []),
    ]);
    const name = `${props.clusterName}-${props.name}`;
    const tags = { ...props.tags, Name: name };

    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      namePrefix: `${name}-`,
      description: `Nodes of ${props.clusterName}/${props.name}: IMDSv2 only, encrypted root volume`,
      updateDefaultVersion: true,
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: hopLimit },
      blockDeviceMappings: [
        { deviceName: "/dev/xvda", ebs: { volumeSize: diskSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
      ],
      monitoring: { enabled: true },
      tagSpecifications: (["instance", "volume", "network-interface"] as const).map((resourceType) => ({ resourceType, tags })),
      lifecycle: { createBeforeDestroy: true },
    });

    this.nodeGroup = new EksNodeGroup(this, "node-group", {
      clusterName: props.clusterName,
      nodeGroupNamePrefix: `${props.name}-`,
      version: props.clusterVersion,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: props.subnetIds,
      instanceTypes,
      capacityType: props.capacityType ?? "ON_DEMAND",
      amiType: isArmInstanceType(instanceTypes[0]) ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
      scalingConfig: { minSize, maxSize, desiredSize: props.desiredSize ?? minSize },
      updateConfig: updateConfigOf(maxUnavailable),
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      labels: props.labels,
      taint: props.taints?.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
      dependsOn: props.dependsOn,
      lifecycle: { createBeforeDestroy: true, ignoreChanges: props.autoscaler ? ["scaling_config[0].desired_size"] : undefined },
    });
    if (props.renamedFrom !== undefined) this.moveFrom(props.renamedFrom);
  }

  /**
   * `moved` blocks from the addresses the group had under its old name. Those addresses are what
   * the stack allocates for the same construct path with the old name (readable in PrivateEksStack,
   * hashed in a plain TerraformStack): a stand-in construct at that path is asked, then removed.
   */
  private moveFrom(oldName: string): void {
    const parent = this.node.scope!;
    if (parent.node.tryFindChild(oldName)) {
      throwIfAny(this.node.path, [
        {
          path: ["renamedFrom"],
          message: `${JSON.stringify(oldName)} is still a node group here; remove that group to rename it, or remove renamedFrom`,
        },
      ]);
    }
    const stack = TerraformStack.of(this);
    const standIn = new Construct(parent, oldName);
    try {
      for (const resource of [this.launchTemplate, this.nodeGroup] as TerraformResource[]) {
        const old = stack.getLogicalId(new Construct(standIn, resource.node.id).node);
        resource.moveFromId(`${resource.terraformResourceType}.${old}`);
      }
    } finally {
      parent.node.tryRemoveChild(oldName);
    }
  }
}
