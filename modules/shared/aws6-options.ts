import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { Problem } from "../../core/problems";

/**
 * Options that only hashicorp/aws 6.x bindings have (`@cdktf/provider-aws` 21.x, CDK Terrain's
 * `@cdktn/provider-aws` 25.x), not the 20.1.0 this package is developed with. Support is read from
 * the installed generated class (its property exists), not from a version number, so any binding
 * line that has the attribute works.
 */
const AWS6_OPTIONS = {
  deletionProtection: {
    binding: EksCluster,
    property: "deletionProtection",
    attribute: "aws_eks_cluster.deletion_protection",
    provider: "6.9",
  },
  targetRoleARN: {
    binding: EksPodIdentityAssociation,
    property: "targetRoleArn",
    attribute: "aws_eks_pod_identity_association.target_role_arn",
    provider: "6.2",
  },
  disableSessionTags: {
    binding: EksPodIdentityAssociation,
    property: "disableSessionTags",
    attribute: "aws_eks_pod_identity_association.disable_session_tags",
    provider: "6.2",
  },
} as const;

export type Aws6Option = keyof typeof AWS6_OPTIONS;

/** Whether the installed AWS bindings can set the option. */
export function bindingsSupport(option: Aws6Option): boolean {
  const o = AWS6_OPTIONS[option];
  return o.property in o.binding.prototype;
}

/** `@cdktf/provider-aws 20.1.0`: the installed AWS bindings, for messages. */
function installedAwsBindings(): string {
  try {
    const pkg = require("@cdktf/provider-aws/package.json") as { name: string; version: string };
    return `${pkg.name} ${pkg.version}`;
  } catch {
    return "@cdktf/provider-aws";
  }
}

/**
 * Options set (anything but undefined or false) that the installed bindings cannot synthesize: an
 * error naming the provider version needed (paths relative to `options`).
 */
export function aws6OptionProblems(options: Partial<Record<Aws6Option, unknown>>): Problem[] {
  return (Object.keys(AWS6_OPTIONS) as Aws6Option[])
    .filter((option) => options[option] !== undefined && options[option] !== false && !bindingsSupport(option))
    .map((option) => ({
      path: [option],
      message: `needs hashicorp/aws ${AWS6_OPTIONS[option].provider} or later (${AWS6_OPTIONS[option].attribute}), and the installed ${installedAwsBindings()} binds an older one; install @cdktf/provider-aws 21.22.1 (hashicorp/aws 6.25) or CDK Terrain's @cdktn/provider-aws 25.x, or remove ${option}`,
    }));
}

/**
 * `config` with the provider-6 options added under their binding property names. Call it only
 * after `aws6OptionProblems` found nothing: with older bindings the properties would be ignored.
 */
export function withAws6Options<T extends object>(config: T, options: Partial<Record<Aws6Option, unknown>>): T {
  const extra: Record<string, unknown> = {};
  for (const option of Object.keys(AWS6_OPTIONS) as Aws6Option[]) {
    if (options[option] !== undefined) extra[AWS6_OPTIONS[option].property] = options[option];
  }
  return { ...config, ...extra };
}
