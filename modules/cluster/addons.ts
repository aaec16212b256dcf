import { DataAwsEksAddonVersion } from "@cdktf/provider-aws/lib/data-aws-eks-addon-version";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { Construct } from "constructs";
import { throwIfAny } from "../../core/problems";
import { addonVersionProblems } from "./addon-rules";

export type AddonName = "vpc-cni" | "kube-proxy" | "coredns" | "eks-pod-identity-agent";

/**
 * The managed add-ons, in creation order, and where each stands in an upgrade (terraform-aws-eks's
 * `before_compute`): the CNI, kube-proxy and the Pod Identity agent are DaemonSets nodes need from
 * their first boot, so they come after the control plane and before the node groups; CoreDNS is a
 * Deployment that cannot become ready without nodes, so it comes after the node groups.
 */
export const ADDONS: ReadonlyArray<{ readonly name: AddonName; readonly beforeCompute: boolean }> = [
  { name: "vpc-cni", beforeCompute: true },
  { name: "kube-proxy", beforeCompute: true },
  { name: "eks-pod-identity-agent", beforeCompute: true },
  { name: "coredns", beforeCompute: false },
];

/**
 * An add-on's version: a pin (`v1.19.2-eksbuild.1`), or `"latest"` for the newest version EKS
 * offers for the cluster's Kubernetes version.
 */
export type AddonVersion = string;

/** The add-ons of a cluster, split by where they stand relative to the node groups. */
export interface OrderedAddons {
  /** Created/updated after the control plane and before the node groups. */
  readonly beforeCompute: EksAddon[];
  /** Created/updated after the node groups. */
  readonly afterCompute: EksAddon[];
}

/** What the add-ons need of a cluster: its name, its Kubernetes version, and to be told the order. */
export interface AddonsCluster {
  /** The EKS cluster name (a reference to the cluster resource, so add-ons follow it). */
  readonly name: string;
  /** The Kubernetes version as configured (`"1.35"`): the add-on versions are resolved for it. */
  readonly version: string;
  /** Makes the node groups wait for `beforeCompute` and `afterCompute` wait for the node groups. */
  useAddons(addons: OrderedAddons): void;
}

export interface ClusterAddonsProps {
  readonly cluster: AddonsCluster;
  /**
   * Per add-on version: a pin `v<semver>-eksbuild.<n>` wins; `"latest"` takes the newest version
   * for the cluster's Kubernetes version.
   * @default - EKS's default version for the cluster's Kubernetes version, resolved at plan time
   *   (`data.aws_eks_addon_version`), so raising `version` upgrades the add-ons in the same apply
   */
  readonly versions?: Partial<Record<AddonName, AddonVersion>>;
}

/**
 * EKS managed add-ons. The cluster is created with `bootstrap_self_managed_addons = false`, so
 * these are the only CNI, kube-proxy and DNS. The ordering is data (`ADDONS[].beforeCompute`),
 * handed to the cluster, which applies it to every node group whenever it is added: on a create or
 * an upgrade, Terraform goes control plane → vpc-cni, kube-proxy, eks-pod-identity-agent → node
 * groups → coredns.
 */
export class ClusterAddons extends Construct {
  readonly addons: Record<AddonName, EksAddon>;
  /** What Pod Identity associations wait for. */
  readonly podIdentityAgent: EksAddon;

  constructor(scope: Construct, id: string, props: ClusterAddonsProps) {
    super(scope, id);
    throwIfAny(
      this.node.path,
      Object.entries(props.versions ?? {}).flatMap(([name, v]) =>
        addonVersionProblems(v ?? "").map((p) => ({ ...p, path: ["versions", name] })),
      ),
    );
    const addons = {} as Record<AddonName, EksAddon>;
    for (const { name } of ADDONS) {
      addons[name] = new EksAddon(this, name, {
        clusterName: props.cluster.name,
        addonName: name,
        addonVersion: this.version(name, props.cluster.version, props.versions?.[name]),
        // Take over what a previous installation left; keep manual changes on updates.
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "PRESERVE",
      });
    }
    this.addons = addons;
    this.podIdentityAgent = addons["eks-pod-identity-agent"];
    props.cluster.useAddons({
      beforeCompute: ADDONS.filter((a) => a.beforeCompute).map((a) => addons[a.name]),
      afterCompute: ADDONS.filter((a) => !a.beforeCompute).map((a) => addons[a.name]),
    });
  }

  /** A pin as written; otherwise EKS's default (or newest) version for the Kubernetes version. */
  private version(name: AddonName, kubernetesVersion: string, wanted: AddonVersion | undefined): string {
    if (wanted && wanted !== "latest") return wanted;
    return new DataAwsEksAddonVersion(this, `${name}-version`, {
      addonName: name,
      kubernetesVersion,
      mostRecent: wanted === "latest",
    }).version;
  }
}
