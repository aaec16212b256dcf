import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCloudwatchLogGroups } from "@cdktf/provider-aws/lib/data-aws-cloudwatch-log-groups";
import { EksCluster, EksClusterConfig } from "@cdktf/provider-aws/lib/eks-cluster";
import { Fn, ITerraformDependable, TerraformResource, dependable } from "cdktf";
import { Construct } from "constructs";
import { throwIfAny } from "../../core/problems";
import { AccessEntries } from "../access/access-entries";
import { AccessEntryOptions } from "../access/access-entry";
import { reservedRoleProblem, reservedRoles } from "../access/access-entry-rules";
import { aws6OptionProblems, withAws6Options } from "../shared/aws6-options";
import { EncryptionKey } from "../shared/encryption-key";
import { ImportIfExists } from "../shared/import-if-exists";
import { clusterRoleName, nodeRoleName } from "../../core/names";
import { ServiceRole } from "../shared/service-role";
import { isToken, knownValueProblems, tokenProblem } from "../shared/tokens";
import { AddonsCluster, OrderedAddons } from "./addons";
import { NodeGroup, NodeGroupOptions } from "./node-group";
import { duplicateNameProblems, renamedFromProblems } from "./node-group-rules";
import {
  AuthenticationMode,
  CONTROL_PLANE_LOG_TYPES,
  ControlPlaneLogType,
  DEFAULT_KUBERNETES_VERSION,
  EndpointAccess,
  authenticationModeProblems,
  clusterNameProblems,
  endpointProblems,
  kubernetesVersionProblems,
} from "./cluster-rules";

export interface PrivateClusterProps {
  /** EKS cluster name. Changing it replaces the cluster. */
  readonly name: string;
  /** Subnets for the control plane's network interfaces: the private subnets. */
  readonly subnetIds: string[];
  /**
   * Kubernetes minor version.
   * @default DEFAULT_KUBERNETES_VERSION ("1.35")
   */
  readonly version?: string;
  /**
   * Who can reach the Kubernetes API endpoint: `private` (the VPC only), `public-and-private`, `public`.
   * @default "private"
   */
  readonly endpoint?: EndpointAccess;
  /**
   * Networks allowed to reach a public endpoint; required when `endpoint` is public.
   * @default - none (the endpoint is private)
   */
  readonly publicAccessCidrs?: string[];
  /**
   * Accept `0.0.0.0/0` in `publicAccessCidrs`.
   * @default false
   */
  readonly allowPublicInternet?: boolean;
  /**
   * `API`: access entries only. `API_AND_CONFIG_MAP`: also the aws-auth ConfigMap, while migrating.
   * @default "API"
   */
  readonly authenticationMode?: AuthenticationMode;
  /**
   * Control-plane logs sent to `/aws/eks/<name>/cluster`.
   * @default - all five: api, audit, authenticator, controllerManager, scheduler
   */
  readonly logTypes?: ControlPlaneLogType[];
  /**
   * Days to keep control-plane logs.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * `prevent_destroy` on the cluster and its KMS key.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * EKS deletion protection: the EKS API refuses to delete the cluster until it is turned off (a
   * guard outside Terraform, beside `protect`). Needs hashicorp/aws 6.9+ bindings
   * (`@cdktf/provider-aws` 21.22.1, or CDK Terrain's `@cdktn/provider-aws` 25.x).
   * @default - not set (EKS: off)
   */
  readonly deletionProtection?: boolean;
  /**
   * What EKS does when the version's standard support ends: `STANDARD` upgrades the control plane
   * to the next version then (no extended-support charge, but an upgrade on AWS's schedule);
   * `EXTENDED` keeps the version for up to 12 more months at the extended-support hourly rate.
   * @default - not set (EKS: EXTENDED)
   */
  readonly upgradePolicy?: UpgradePolicy;
  /**
   * Tags for what EC2 launches for the node groups (instances, volumes, network interfaces), which
   * the provider's `default_tags` do not reach: pass the environment's tags for cost allocation.
   * @default - only `Name`
   */
  readonly tags?: Record<string, string>;
}

/** `cluster.upgradePolicy`: the provider's `upgrade_policy.support_type`. */
export type UpgradePolicy = "STANDARD" | "EXTENDED";

/**
 * An EKS cluster with secure defaults: private-only endpoint, access entries (API mode) with no
 * implicit admin for whoever created it, secrets encrypted with a rotating KMS key, every
 * control-plane log type kept in a KMS-encrypted log group created before the cluster.
 */
export class PrivateCluster extends Construct implements AddonsCluster {
  readonly cluster: EksCluster;
  readonly name: string;
  readonly arn: string;
  readonly endpoint: string;
  /** The endpoint's host name (the endpoint without `https://`): what the API certificate names. */
  readonly endpointHost: string;
  readonly version: string;
  /** The security group EKS creates for the control plane and managed nodes. */
  readonly clusterSecurityGroupId: string;
  readonly oidcIssuerUrl: string;
  readonly role: ServiceRole;
  readonly key: EncryptionKey;
  readonly logGroup: CloudwatchLogGroup;
  readonly authenticationMode: AuthenticationMode;
  /** Who can reach the API endpoint: the `endpoint` prop, or its default. */
  readonly endpointAccess: EndpointAccess;
  /** The cluster's access entries; `grantAccess` adds to them. */
  readonly access: AccessEntries;
  /** Name of the role shared by the managed node groups (EKS creates its access entry). */
  readonly nodeRoleName: string;
  readonly nodeGroups: NodeGroup[] = [];
  private nodeRoleConstruct?: ServiceRole;
  private orderedAddons?: OrderedAddons;
  /** Roles this cluster grants itself, which `grantAccess` refuses. */
  private readonly reservedRoles: ReadonlyMap<string, string>;
  /** Why the node role cannot be granted, in words (a cluster name that is a token reads `<cluster>`). */
  private readonly nodeRoleReserved: string;
  private readonly subnetIds: string[];
  private readonly tags?: Record<string, string>;

  constructor(scope: Construct, id: string, props: PrivateClusterProps) {
    super(scope, id);
    this.subnetIds = props.subnetIds;
    this.tags = props.tags;
    this.nodeRoleName = nodeRoleName(props.name);
    // A name that is a token is known only at apply: no literal ARN can name its roles, and messages call it <cluster>.
    const knownName = isToken(props.name) ? "<cluster>" : props.name;
    this.reservedRoles = reservedRoles(knownName);
    this.nodeRoleReserved = this.reservedRoles.get(nodeRoleName(knownName))!;
    this.version = props.version ?? DEFAULT_KUBERNETES_VERSION;
    this.endpointAccess = props.endpoint ?? "private";
    this.authenticationMode = props.authenticationMode ?? "API";
    const protect = props.protect ?? true;
    const checked = { ...props, version: this.version, endpoint: this.endpointAccess, authenticationMode: this.authenticationMode };
    throwIfAny(
      this.node.path,
      knownValueProblems(checked, [
        ...clusterNameProblems(props.name).map((p) => ({ ...p, path: ["name"] })),
        ...kubernetesVersionProblems(this.version).map((p) => ({ ...p, path: ["version"] })),
        ...endpointProblems({
          endpoint: this.endpointAccess,
          publicAccessCidrs: props.publicAccessCidrs,
          allowPublicInternet: props.allowPublicInternet,
        }),
        ...authenticationModeProblems(this.authenticationMode).map((p) => ({ ...p, path: ["authenticationMode"] })),
        ...aws6OptionProblems({ deletionProtection: props.deletionProtection }),
      ]),
    );

    this.role = new ServiceRole(this, "role", {
      name: clusterRoleName(props.name),
      description: `EKS control plane of ${props.name}`,
      service: "eks.amazonaws.com",
      trustActions: ["sts:AssumeRole", "sts:TagSession"],
      managedPolicies: ["AmazonEKSClusterPolicy"],
    });
    const logGroupName = `/aws/eks/${props.name}/cluster`;
    this.key = new EncryptionKey(this, "key", {
      description: `EKS secrets and control-plane logs of ${props.name}`,
      alias: `eks/${props.name}`,
      logGroupNames: [logGroupName],
      protect,
      usage: [
        {
          Sid: "ClusterRoleEncryptsSecrets",
          Effect: "Allow",
          Principal: { AWS: this.role.arn },
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
          Resource: "*",
        },
      ],
    });
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: logGroupName,
      retentionInDays: props.logRetentionDays ?? 365,
      kmsKeyId: this.key.arn,
    });
    // EKS writes the control-plane log group itself whenever it delivers logs, also in the minutes
    // after a cluster is deleted: after a destroy the group can exist again, and creating it would
    // fail (ResourceAlreadyExistsException). So an existing group of that exact name is imported
    // (adopted, then updated to this configuration); a fresh environment creates it.
    const existingLogGroups = new DataAwsCloudwatchLogGroups(this, "existing-log-groups", { logGroupNamePrefix: logGroupName });
    new ImportIfExists(this, "adopt-log-group", {
      resource: this.logGroup,
      importId: logGroupName,
      exists: Fn.contains(existingLogGroups.logGroupNames, logGroupName),
    });

    const isPublic = this.endpointAccess !== "private";
    const clusterConfig: EksClusterConfig = {
      name: props.name,
      version: this.version,
      roleArn: this.role.arn,
      vpcConfig: {
        subnetIds: props.subnetIds,
        // Both set explicitly: the provider defaults are the opposite of private.
        endpointPrivateAccess: this.endpointAccess !== "public",
        endpointPublicAccess: isPublic,
        publicAccessCidrs: isPublic ? props.publicAccessCidrs : undefined,
      },
      accessConfig: { authenticationMode: this.authenticationMode, bootstrapClusterCreatorAdminPermissions: false },
      bootstrapSelfManagedAddons: false,
      encryptionConfig: { provider: { keyArn: this.key.arn }, resources: ["secrets"] },
      enabledClusterLogTypes: props.logTypes ?? [...CONTROL_PLANE_LOG_TYPES],
      upgradePolicy: props.upgradePolicy ? { supportType: props.upgradePolicy } : undefined,
      dependsOn: [this.logGroup, ...this.role.attachments],
      lifecycle: {
        // Both are ForceNew and only matter at creation: a later change must not replace the cluster.
        ignoreChanges: ["access_config[0].bootstrap_cluster_creator_admin_permissions", "bootstrap_self_managed_addons"],
        preventDestroy: protect,
      },
    };
    this.cluster = new EksCluster(this, "cluster", withAws6Options(clusterConfig, { deletionProtection: props.deletionProtection }));
    this.name = this.cluster.name;
    this.arn = this.cluster.arn;
    this.endpoint = this.cluster.endpoint;
    this.endpointHost = Fn.replace(this.cluster.endpoint, "https://", "");
    this.clusterSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;
    this.oidcIssuerUrl = this.cluster.identity.get(0).oidc.get(0).issuer;
    this.access = new AccessEntries(this, "access", { clusterName: this.cluster.name });
  }

  /**
   * Grants a principal access through an access entry, with the keys of a config `accessEntries`
   * item. Grants to the same principal merge into one entry (a second grant adds
   * `accessPolicies`); `key` (default: derived from the ARN) names the Terraform resources.
   */
  grantAccess(principalARN: string, options: AccessEntryOptions = {}, key?: string): void {
    const isNodeRole = this.nodeRoleConstruct !== undefined && principalARN === this.nodeRoleConstruct.arn;
    const problem = isNodeRole ? this.nodeRoleReserved : reservedRoleProblem(principalARN, this.reservedRoles);
    if (problem) throwIfAny(this.node.path, [{ path: ["principalARN"], message: problem }]);
    this.access.grant(principalARN, options, key);
  }

  /**
   * The role of the managed node groups: worker, CNI and ECR read-only policies, and nothing that
   * lets it assume other roles. It exists once a node group does (`addNodeGroup` creates it); a
   * cluster without managed node groups has none.
   */
  get nodeRole(): ServiceRole {
    if (!this.nodeRoleConstruct) {
      throwIfAny(this.node.path, [
        {
          path: [],
          message: "no managed node group role yet; it is created by the first addNodeGroup (use nodeRoleArns to read it either way)",
        },
      ]);
    }
    return this.nodeRoleConstruct as ServiceRole;
  }

  /** The node role's ARN when the cluster has managed node groups, else nothing. */
  get nodeRoleArns(): string[] {
    return this.nodeRoleConstruct ? [this.nodeRoleConstruct.arn] : [];
  }

  /**
   * Adds a managed node group in the cluster's subnets, keyed by its name. It waits for the
   * add-ons nodes need, whether `ClusterAddons` is created before or after it.
   */
  addNodeGroup(options: NodeGroupOptions): NodeGroup {
    if (isToken(options.name))
      throwIfAny(this.node.path, [tokenProblem(["name"], "names the node group's Terraform resources", "general")]);
    const names = [...this.nodeGroups.map((g) => g.node.id), options.name];
    throwIfAny(
      this.node.path,
      duplicateNameProblems(names).map((p) => ({ ...p, path: p.path.slice(1) })),
    );
    const groups = [
      ...this.nodeGroups.map((g) => ({ name: g.node.id, renamedFrom: g.renamedFrom })),
      { name: options.name, renamedFrom: options.renamedFrom },
    ];
    throwIfAny(
      this.node.path,
      renamedFromProblems(groups).map((p) => ({
        path: ["nodeGroups", groups[p.path[0] as number].name, "renamedFrom"],
        message: p.message.replace(/nodeGroups\[(\d+)\]( \([^)]*\))?/g, (_m, i) => `node group ${groups[Number(i)].name}`),
      })),
    );
    const role = this.createNodeRoleOnce();
    const group = new NodeGroup(this, options.name, {
      ...options,
      clusterName: this.cluster.name,
      clusterVersion: this.cluster.version,
      nodeRoleArn: role.arn,
      subnetIds: this.subnetIds,
      tags: this.tags,
      dependsOn: [...(this.orderedAddons?.beforeCompute ?? []), ...role.attachments],
    });
    for (const addon of this.orderedAddons?.afterCompute ?? []) dependOn(addon, [group.nodeGroup]);
    this.nodeGroups.push(group);
    return group;
  }

  /** Called by `ClusterAddons`: the ordering of add-ons and node groups is the cluster's to keep. */
  useAddons(addons: OrderedAddons): void {
    if (this.orderedAddons)
      throwIfAny(this.node.path, [{ path: [], message: "the cluster already has its add-ons; create ClusterAddons once per cluster" }]);
    this.orderedAddons = addons;
    for (const group of this.nodeGroups) dependOn(group.nodeGroup, addons.beforeCompute, "first");
    for (const addon of addons.afterCompute)
      dependOn(
        addon,
        this.nodeGroups.map((g) => g.nodeGroup),
      );
  }

  private createNodeRoleOnce(): ServiceRole {
    this.nodeRoleConstruct ??= new ServiceRole(this, "node-role", {
      name: this.nodeRoleName,
      description: `Managed nodes of ${this.node.id}`,
      service: "ec2.amazonaws.com",
      managedPolicies: ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"],
    });
    return this.nodeRoleConstruct;
  }
}

/** Adds dependencies to a resource after it was created (at the end, or `first`). */
function dependOn(resource: TerraformResource, on: ITerraformDependable[], where: "first" | "last" = "last"): void {
  if (on.length === 0) return;
  const added = on.map((d) => dependable(d));
  const existing = resource.dependsOn ?? [];
  resource.dependsOn = where === "first" ? [...added, ...existing] : [...existing, ...added];
}
