import { EksPodIdentityAssociation, EksPodIdentityAssociationConfig } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Fn, ITerraformDependable, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { throwIfAny } from "../../core/problems";
import { withAws6Options } from "../shared/aws6-options";
import { isToken, knownValueProblems, tokenProblem } from "../shared/tokens";
import { iamName } from "../../core/names";
import {
  PodRoleMechanism,
  PodRoleOptions,
  createsServiceAccount,
  duplicateServiceAccountProblems,
  isWildcardServiceAccount,
  podRoleProblems,
} from "./pod-role-rules";
import { irsaTrust, podIdentityTrust } from "./trust-policies";

/** A pod role: the keys of a config `podRoles` item (defined with the rules that check it). */
export type { PodRoleOptions } from "./pod-role-rules";

/** What pod roles need of their cluster (a `PrivateCluster` has all three). */
export interface PodRolesCluster {
  /** The cluster name, as a reference to the cluster so that associations follow it. */
  readonly name: string;
  /** Pod Identity trust policies name it in their conditions. */
  readonly arn: string;
  /** `https://oidc.eks.<region>.amazonaws.com/id/<id>`: IRSA trusts it. */
  readonly oidcIssuerUrl: string;
}

export interface PodRolesProps {
  readonly cluster: PodRolesCluster;
  /**
   * Pod Identity associations wait for it (the eks-pod-identity-agent add-on).
   * @default - no explicit dependency
   */
  readonly podIdentityAgent?: ITerraformDependable;
  /** Prefix of role names, e.g. the cluster name. */
  readonly namePrefix: string;
}

/** A pod role that was added: what the in-cluster stack and reviews need. */
export interface AddedPodRole {
  readonly namespace: string;
  readonly serviceAccountName: string;
  readonly mechanism: PodRoleMechanism;
  readonly roleArn: string;
  readonly createServiceAccount: boolean;
}

/**
 * IAM roles for pods, keyed by namespace/service account (never by position): EKS Pod Identity
 * (role trusting `pods.eks.amazonaws.com`, narrowed to this cluster, namespace and service
 * account, plus an association) or IRSA (the cluster's OIDC provider, created once and only when
 * an IRSA role exists, and a web-identity trust on exactly this service account).
 */
export class PodRoles extends Construct {
  readonly roles: AddedPodRole[] = [];
  private oidc?: IamOpenidConnectProvider;
  private issuerHostLocal?: TerraformLocal;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: PodRolesProps,
  ) {
    super(scope, id);
  }

  /** The cluster's IAM OIDC provider, created on first use: once per cluster, only when IRSA is used. */
  ensureOidcProvider(): IamOpenidConnectProvider {
    this.oidc ??= new IamOpenidConnectProvider(this, "oidc-provider", {
      url: this.props.cluster.oidcIssuerUrl,
      clientIdList: ["sts.amazonaws.com"],
    });
    return this.oidc;
  }

  /**
   * The issuer without `https://`, the prefix of IRSA condition keys. A local value keeps the
   * trust policy plain JSON in cdk.tf.json (an inline `replace(...)` would put quotes inside it).
   */
  private get issuerHost(): string {
    this.issuerHostLocal ??= new TerraformLocal(this, "oidc-issuer-host", Fn.replace(this.props.cluster.oidcIssuerUrl, "https://", ""));
    return this.issuerHostLocal.asString;
  }

  add(options: PodRoleOptions): AddedPodRole {
    // The namespace and service account name the role's Terraform resources: they must be known at synth.
    const unknownKeys = (["namespace", "serviceAccountName"] as const).filter((key) => isToken(options[key]));
    if (unknownKeys.length) {
      throwIfAny(
        this.node.path,
        unknownKeys.map((key) => tokenProblem([key], "names the role's Terraform resources", key === "namespace" ? "app" : "s3-reader")),
      );
    }
    const where = `${this.node.path}[${options.namespace}/${options.serviceAccountName}]`;
    const duplicate = duplicateServiceAccountProblems([...this.roles, options], "roles").map((p) => ({ ...p, path: p.path.slice(1) }));
    // A managed policy's ARN names its attachment's Terraform resource.
    const policies = options.permissionPolicyARNs ?? [];
    const unknownPolicies = isToken(policies)
      ? [["permissionPolicyARNs"]]
      : policies.flatMap((arn, i) => (isToken(arn) ? [["permissionPolicyARNs", i]] : []));
    const policyTokens = unknownPolicies.map((path) =>
      tokenProblem(path, "names the attachment's Terraform resource", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
    );
    throwIfAny(where, [...knownValueProblems(options, podRoleProblems(options)), ...policyTokens, ...duplicate]);
    const mechanism = options.mechanism ?? "podIdentity";
    const wildcard = isWildcardServiceAccount(options);
    const scope = new Construct(this, `${options.namespace}_${wildcard ? "all-service-accounts" : options.serviceAccountName}`);
    const roleArn = options.roleARN ?? this.createRole(scope, options, mechanism);
    if (mechanism === "podIdentity") {
      const association: EksPodIdentityAssociationConfig = {
        clusterName: this.props.cluster.name,
        namespace: options.namespace,
        serviceAccount: options.serviceAccountName,
        roleArn,
        dependsOn: this.props.podIdentityAgent ? [this.props.podIdentityAgent] : undefined,
      };
      new EksPodIdentityAssociation(
        scope,
        "association",
        withAws6Options(association, { targetRoleARN: options.targetRoleARN, disableSessionTags: options.disableSessionTags }),
      );
    } else {
      this.ensureOidcProvider(); // even a role brought along needs the cluster's OIDC provider
    }
    const added = {
      namespace: options.namespace,
      serviceAccountName: options.serviceAccountName,
      mechanism,
      roleArn,
      createServiceAccount: createsServiceAccount({ ...options, mechanism }),
    };
    this.roles.push(added);
    return added;
  }

  private createRole(scope: Construct, o: PodRoleOptions, mechanism: PodRoleMechanism): string {
    const sa = isWildcardServiceAccount(o) ? "any" : o.serviceAccountName;
    const trust =
      mechanism === "podIdentity"
        ? podIdentityTrust({ clusterArn: this.props.cluster.arn, namespace: o.namespace, serviceAccountName: o.serviceAccountName })
        : irsaTrust({
            oidcProviderArn: this.ensureOidcProvider().arn,
            issuerHost: this.issuerHost,
            namespace: o.namespace,
            serviceAccountName: o.serviceAccountName,
          });
    const role = new IamRole(scope, "role", {
      name: o.roleName ?? iamName(`${this.props.namePrefix}-${o.namespace}-${sa}`),
      description: `${mechanism === "irsa" ? "IRSA" : "Pod Identity"} role of ${o.namespace}/${o.serviceAccountName} in ${this.props.namePrefix}`,
      assumeRolePolicy: trust,
      permissionsBoundary: o.permissionsBoundaryARN,
      maxSessionDuration: o.maxSessionDuration,
    });
    for (const policyArn of o.permissionPolicyARNs ?? []) {
      const [, account, name] = /^arn:[^:]+:iam::([^:]+):policy\/(?:.*\/)?([^/]+)$/.exec(policyArn) ?? [];
      new IamRolePolicyAttachment(scope, `${account}_${name}`, { role: role.name, policyArn });
    }
    if (o.permissionPolicy)
      new IamRolePolicy(scope, "inline", { role: role.name, name: "inline", policy: JSON.stringify(o.permissionPolicy) });
    if (o.targetRoleARN) {
      const assumeTarget = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession"], Resource: o.targetRoleARN }],
      };
      new IamRolePolicy(scope, "assume-target-role", { role: role.name, name: "assume-target-role", policy: JSON.stringify(assumeTarget) });
    }
    return role.arn;
  }
}
