import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

export type AddonName = "vpc-cni" | "kube-proxy" | "coredns" | "eks-pod-identity-agent";

export interface ClusterAddonsProps {
  readonly clusterName: string;
  /**
   * Pinned versions (`v1.19.2-eksbuild.1`).
   * @default - EKS's default version for the cluster at creation
   */
  readonly versions?: Partial<Record<AddonName, string>>;
}

/**
 * EKS managed add-ons. The cluster is created with `bootstrap_self_managed_addons = false`, so
 * these are the only CNI, kube-proxy and DNS. The CNI, kube-proxy and the Pod Identity agent are
 * DaemonSets that nodes need from their first boot, so node groups wait for them; CoreDNS is a
 * Deployment that cannot become ready without nodes, so it waits for the node groups (`addAfterNodes`).
 */
export class ClusterAddons extends Construct {
  /** What node groups depend on. */
  readonly beforeNodes: EksAddon[];
  readonly podIdentityAgent: EksAddon;

  constructor(scope: Construct, id: string, private readonly props: ClusterAddonsProps) {
    super(scope, id);
    this.beforeNodes = (["vpc-cni", "kube-proxy", "eks-pod-identity-agent"] as const).map((name) => this.addon(name));
    this.podIdentityAgent = this.beforeNodes[2];
  }

  /** Adds the add-ons that need running nodes (CoreDNS). */
  addAfterNodes(nodeGroups: ITerraformDependable[]): EksAddon {
    return this.addon("coredns", nodeGroups);
  }

  private addon(name: AddonName, dependsOn?: ITerraformDependable[]): EksAddon {
    return new EksAddon(this, name, {
      clusterName: this.props.clusterName,
      addonName: name,
      addonVersion: this.props.versions?.[name],
      // Take over what a previous installation left; keep manual changes on updates.
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "PRESERVE",
      dependsOn: dependsOn?.length ? dependsOn : undefined,
    });
  }
}
