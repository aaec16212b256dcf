import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadEnvironments } from "../../environment/load";
import { ROOT, TfJson, devConfig, synthEnvironment } from "./environment";
import { POD_ROLES } from "./variants";

/** A synthesized environment the security rules run over. */
export interface Variant {
  readonly name: string;
  readonly stacks: Record<string, TfJson>;
  readonly cluster: TfJson;
  /** The config opts into a public endpoint (a documented exception, see SECURITY.md). */
  readonly publicEndpoint: boolean;
  /** NAT egress: the bastion may reach Session Manager over the internet (a documented exception). */
  readonly natEgress: boolean;
}

function variant(name: string, stacks: Record<string, TfJson>, opts: { publicEndpoint?: boolean; natEgress?: boolean } = {}): Variant {
  const cluster = Object.entries(stacks).find(([id]) => id.endsWith("-cluster") && !id.endsWith("-in-cluster"))![1];
  return { name, stacks, cluster, publicEndpoint: opts.publicEndpoint ?? false, natEgress: opts.natEgress ?? true };
}

let cached: Variant[] | undefined;

/** The role that deploys the in-cluster stack of the variants that have one. */
const DEPLOY_ROLE = "arn:aws:iam::111122223333:role/github-deploy";

/** Every shipped config, and the variants that open or change something. */
export function variants(): Variant[] {
  if (cached) return cached;
  const files = readdirSync(join(ROOT, "config"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => join(ROOT, "config", f));
  cached = [
    ...loadEnvironments(files).map(({ config }) =>
      variant(`shipped ${config.name}`, synthEnvironment(config), {
        natEgress: config.network.egress === "nat",
        publicEndpoint: config.cluster.endpoint !== "private",
      }),
    ),
    variant("egress none", synthEnvironment(devConfig({ network: { egress: "none" } })), { natEgress: false }),
    variant(
      "public-and-private with CIDRs",
      synthEnvironment(devConfig({ cluster: { endpoint: "public-and-private", publicAccessCidrs: ["203.0.113.0/24"] } })),
      { publicEndpoint: true },
    ),
    variant("IRSA roles", synthEnvironment(devConfig({ podRoles: POD_ROLES, inCluster: { deployRoleARN: DEPLOY_ROLE } }))),
    variant(
      "migration with legacy mappings",
      synthEnvironment(
        devConfig({
          cluster: { authenticationMode: "API_AND_CONFIG_MAP" },
          legacyAwsAuth: {
            mapRoles: [{ rolearn: "arn:aws:iam::111122223333:role/eks-admins", username: "admin", groups: ["system:masters"] }],
          },
          inCluster: { deployRoleARN: DEPLOY_ROLE },
        }),
      ),
    ),
  ];
  return cached;
}

/** Resources of a type, as [name, body] pairs. */
export const all = (tf: TfJson, type: string): Array<[string, any]> => Object.entries(tf.resource?.[type] ?? {});

export interface Policy {
  readonly where: string;
  readonly kind: "identity" | "trust" | "key";
  readonly doc: { Statement: any };
}

/** Every IAM policy document in a stack: inline identity policies, trust policies, key policies. */
export function policies(tf: TfJson): Policy[] {
  const out: Policy[] = [];
  const add = (type: string, field: string, kind: Policy["kind"]) => {
    for (const [name, r] of all(tf, type)) out.push({ where: `${type}.${name}`, kind, doc: JSON.parse(r[field]) });
  };
  add("aws_iam_role_policy", "policy", "identity");
  add("aws_iam_policy", "policy", "identity");
  add("aws_iam_role", "assume_role_policy", "trust");
  add("aws_kms_key", "policy", "key");
  return out;
}

export const statements = (p: Policy): any[] => [p.doc.Statement].flat();
export const list = (x: unknown): string[] => [x ?? []].flat() as string[];

const ACCOUNT = "123456789012";

/**
 * Replaces Terraform references in a policy with representative concrete values (account
 * 123456789012, the stack's region), so ARNs can be checked against AWS's resource types.
 */
export function resolveReferences(text: string, tf: TfJson): string {
  const region: string = tf.provider?.aws?.[0]?.region ?? "eu-west-1";
  const nameOf = (type: string, name: string) => tf.resource?.[type]?.[name]?.name ?? name;
  return text.replace(/\$\{([^}]+)\}/g, (whole, ref: string) => {
    const [a, b, c, d] = ref.split(".");
    if (a === "data") {
      if (b === "aws_partition") return d === "dns_suffix" ? "amazonaws.com" : "aws";
      if (b === "aws_region") return region;
      if (b === "aws_caller_identity") return ACCOUNT;
    }
    if (a === "local") return `oidc.eks.${region}.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;
    if (c === "arn") {
      switch (a) {
        case "aws_cloudwatch_log_group":
          return `arn:aws:logs:${region}:${ACCOUNT}:log-group:${nameOf(a, b)}`;
        case "aws_eks_cluster":
          return `arn:aws:eks:${region}:${ACCOUNT}:cluster/${nameOf(a, b)}`;
        case "aws_iam_role":
          return `arn:aws:iam::${ACCOUNT}:role/${nameOf(a, b)}`;
        case "aws_iam_openid_connect_provider":
          return `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.${region}.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;
        case "aws_kms_key":
          return `arn:aws:kms:${region}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
      }
    }
    return whole;
  });
}
