import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { Annotations, Token } from "cdktf";
import { Construct } from "constructs";
import { throwIfAny } from "../../lib/problems";
import { AwsContext } from "../shared/aws-context";
import { accessPolicyArn, accessPolicyName, accessPolicyNote } from "./access-policies";
import { AccessEntryType, AccessScope, accessEntryProblems } from "./access-entry-rules";
import { parsePrincipalArn, principalKey } from "./principal-arn";

export interface AccessPolicyGrant {
  /**
   * A published policy name (`AmazonEKSViewPolicy`, see `AccessPolicies` and `KNOWN_ACCESS_POLICIES`)
   * or a full ARN; an ARN naming a policy the package does not know gets an info annotation.
   */
  readonly policy: string;
  /**
   * Where the policy applies.
   * @default { type: "cluster" }
   */
  readonly scope?: AccessScope;
}

export interface AccessEntryOptions {
  /**
   * The entry type; only `STANDARD` takes groups, a username and policies.
   * @default "STANDARD"
   */
  readonly type?: AccessEntryType;
  /**
   * Kubernetes groups for RBAC bindings of your own (never `system:*`).
   * @default - none
   */
  readonly kubernetesGroups?: string[];
  /**
   * The Kubernetes username.
   * @default - EKS generates one (AWS recommends that)
   */
  readonly username?: string;
  /**
   * EKS access policies to associate.
   * @default - none (RBAC through kubernetesGroups only)
   */
  readonly policies?: AccessPolicyGrant[];
}

export interface AccessEntriesProps {
  readonly clusterName: string;
}

interface Granted {
  readonly entry: EksAccessEntry;
  readonly principalArn: string;
  readonly options: AccessEntryOptions;
  readonly policies: Set<string>;
}

/**
 * EKS access entries of one cluster: one `aws_eks_access_entry` per principal and one
 * `aws_eks_access_policy_association` per policy, keyed by principal and policy name (never by
 * position), so reordering grants replaces nothing. A second grant to a principal adds policies to
 * its entry; it never creates a second entry.
 */
export class AccessEntries extends Construct {
  private readonly granted = new Map<string, Granted>();

  constructor(scope: Construct, id: string, private readonly props: AccessEntriesProps) {
    super(scope, id);
  }

  /**
   * Grants `principalArn` access. `key` names the Terraform resources; it defaults to the role
   * name (or `user-<name>`) and is required when the ARN is a token (a role created in the stack).
   */
  grant(principalArn: string, options: AccessEntryOptions = {}, key?: string): EksAccessEntry {
    const isToken = Token.isUnresolved(principalArn);
    const where = `${this.node.path}[${key ?? principalArn}]`;
    const problems = accessEntryProblems({
      principalARN: principalArn,
      type: options.type,
      kubernetesGroups: options.kubernetesGroups,
      kubernetesUsername: options.username,
      accessPolicies: options.policies?.map((p) => ({ policyARN: p.policy, accessScope: p.scope })),
    }).filter((p) => !(isToken && p.path[0] === "principalARN"));
    throwIfAny(where, problems);
    const principal = isToken ? undefined : parsePrincipalArn(principalArn);
    const id = key ?? (principal ? principalKey(principal) : undefined);
    if (!id) throw new Error(`${where}: a principal ARN that is a token needs a key; pass grant(arn, options, "bastion")`);

    const existing = this.granted.get(id);
    const granted = existing ?? this.createEntry(id, principalArn, options);
    if (existing) this.checkSameEntry(where, existing, principalArn, options);
    for (const grant of options.policies ?? []) this.associate(where, granted, grant);
    return granted.entry;
  }

  private createEntry(id: string, principalArn: string, options: AccessEntryOptions): Granted {
    const entry = new EksAccessEntry(this, id, {
      clusterName: this.props.clusterName,
      principalArn,
      type: options.type ?? "STANDARD",
      kubernetesGroups: options.kubernetesGroups?.length ? options.kubernetesGroups : undefined,
      userName: options.username,
    });
    const granted = { entry, principalArn, options, policies: new Set<string>() };
    this.granted.set(id, granted);
    return granted;
  }

  private checkSameEntry(where: string, existing: Granted, principalArn: string, options: AccessEntryOptions): void {
    const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const conflicts: string[] = [];
    if (existing.principalArn !== principalArn) conflicts.push("principal");
    if (options.type !== undefined && !same(options.type, existing.options.type ?? "STANDARD")) conflicts.push("type");
    if (options.kubernetesGroups !== undefined && !same(options.kubernetesGroups, existing.options.kubernetesGroups)) conflicts.push("kubernetesGroups");
    if (options.username !== undefined && !same(options.username, existing.options.username)) conflicts.push("username");
    if (conflicts.length) {
      throwIfAny(where, [{ path: [], message: `a second grant to the same entry changes its ${conflicts.join(", ")}; give them in one grant (later grants may only add policies)` }]);
    }
  }

  private associate(where: string, granted: Granted, grant: AccessPolicyGrant): void {
    const name = accessPolicyName(grant.policy)!;
    if (granted.policies.has(name)) {
      throwIfAny(where, [{ path: [], message: `${name} is already associated with this entry; grant each policy once and list every namespace in its scope` }]);
    }
    granted.policies.add(name);
    const scope = grant.scope ?? { type: "cluster" };
    const association = new EksAccessPolicyAssociation(granted.entry, name, {
      clusterName: this.props.clusterName,
      principalArn: granted.entry.principalArn,
      policyArn: grant.policy.startsWith("arn:") ? grant.policy : accessPolicyArn(name, AwsContext.of(this).partition),
      accessScope: { type: scope.type, namespaces: scope.type === "namespace" ? [...scope.namespaces] : undefined },
    });
    const note = accessPolicyNote(grant.policy);
    if (note) Annotations.of(association).addInfo(note);
  }
}
