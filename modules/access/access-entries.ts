import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { Problem, throwIfAny } from "../../core/problems";
import { AwsContext } from "../shared/aws-context";
import { isToken, knownValueProblems, tokenProblem } from "../shared/tokens";
import { accessPolicyArn, accessPolicyName, accessPolicyNote } from "./access-policies";
import { AccessEntry, AccessEntryOptions, AccessPolicyGrant } from "./access-entry";
import { accessEntryProblems, duplicatePolicyMessage } from "./access-entry-rules";
import { parsePrincipalArn, principalKey } from "./principal-arn";

export interface AccessEntriesProps {
  readonly clusterName: string;
}

interface Granted {
  readonly entry: EksAccessEntry;
  readonly principalARN: string;
  readonly options: AccessEntryOptions;
  /** Policy name → its index in the `accessPolicies` of the grant that gave it. */
  readonly policies: Map<string, number>;
}

/**
 * EKS access entries of one cluster: one `aws_eks_access_entry` per principal and one
 * `aws_eks_access_policy_association` per policy, keyed by principal and policy name (never by
 * position), so reordering grants replaces nothing. A second grant to a principal adds
 * `accessPolicies` to its entry; it never creates a second entry. Options use the keys of a config
 * `accessEntries` item.
 */
export class AccessEntries extends Construct {
  private readonly granted = new Map<string, Granted>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: AccessEntriesProps,
  ) {
    super(scope, id);
  }

  /**
   * Grants `principalARN` access. `key` names the Terraform resources; it defaults to the role
   * name (or `user-<name>`) and is required when the ARN is a token (a role created in the stack).
   */
  grant(principalARN: string, options: AccessEntryOptions = {}, key?: string): EksAccessEntry {
    const arnIsToken = isToken(principalARN);
    // A token would print as ${TfToken[...]}: such a grant is named by its key, or by the construct alone.
    const label = key ?? (arnIsToken ? undefined : principalARN);
    const where = label === undefined ? this.node.path : `${this.node.path}[${label}]`;
    const problems = [...grantProblems({ principalARN, ...options }), ...(arnIsToken && key === undefined ? [NEEDS_KEY] : [])];
    throwIfAny(where, problems);
    // Checked above: a literal principalARN parses (or the rules reported it), a token has a key.
    const id = key ?? principalKey(parsePrincipalArn(principalARN)!);

    const existing = this.granted.get(id);
    const granted = existing ?? this.createEntry(id, principalARN, options);
    if (existing) this.checkSameEntry(where, existing, principalARN, options);
    (options.accessPolicies ?? []).forEach((grant, i) => this.associate(where, granted, grant, i));
    return granted.entry;
  }

  private createEntry(id: string, principalARN: string, options: AccessEntryOptions): Granted {
    const entry = new EksAccessEntry(this, id, {
      clusterName: this.props.clusterName,
      principalArn: principalARN,
      type: options.type ?? "STANDARD",
      kubernetesGroups: options.kubernetesGroups?.length ? [...options.kubernetesGroups] : undefined,
      userName: options.kubernetesUsername,
    });
    const granted = { entry, principalARN, options, policies: new Map<string, number>() };
    this.granted.set(id, granted);
    return granted;
  }

  private checkSameEntry(where: string, existing: Granted, principalARN: string, options: AccessEntryOptions): void {
    const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const conflicts: string[] = [];
    if (existing.principalARN !== principalARN) conflicts.push("principalARN");
    if (options.type !== undefined && !same(options.type, existing.options.type ?? "STANDARD")) conflicts.push("type");
    if (options.kubernetesGroups !== undefined && !same(options.kubernetesGroups, existing.options.kubernetesGroups))
      conflicts.push("kubernetesGroups");
    if (options.kubernetesUsername !== undefined && !same(options.kubernetesUsername, existing.options.kubernetesUsername))
      conflicts.push("kubernetesUsername");
    if (conflicts.length) {
      throwIfAny(where, [
        {
          path: [],
          message: `a second grant to the same entry changes its ${conflicts.join(", ")}; give them in one grant (later grants may only add accessPolicies)`,
        },
      ]);
    }
  }

  private associate(where: string, granted: Granted, grant: AccessPolicyGrant, index: number): void {
    const name = accessPolicyName(grant.policyARN)!;
    // Within one grant the rules have refused a repeat already: this one comes from an earlier grant.
    const first = granted.policies.get(name);
    if (first !== undefined) {
      throwIfAny(where, [
        {
          path: ["accessPolicies", index, "policyARN"],
          message: duplicatePolicyMessage(name, `an earlier grant (its accessPolicies[${first}])`),
        },
      ]);
    }
    granted.policies.set(name, index);
    const scope = grant.accessScope ?? { type: "cluster" };
    const association = new EksAccessPolicyAssociation(granted.entry, name, {
      clusterName: this.props.clusterName,
      principalArn: granted.entry.principalArn,
      policyArn: grant.policyARN.startsWith("arn:") ? grant.policyARN : accessPolicyArn(name, AwsContext.of(this).partition),
      accessScope: { type: scope.type, namespaces: scope.type === "namespace" ? [...scope.namespaces] : undefined },
    });
    const note = accessPolicyNote(grant.policyARN);
    if (note) Annotations.of(association).addInfo(note);
  }
}

const NEEDS_KEY: Problem = {
  path: [],
  message: `a principalARN that is a token (a role created in this stack) needs a key to name its Terraform resources; pass one as the third argument (example: "ci")`,
};

/**
 * The rules' problems for a grant from TypeScript, where values may be tokens (known only at
 * apply): the rules cannot judge those (knownValueProblems). A policy must be known now, though:
 * it names its association's Terraform resource.
 */
function grantProblems(entry: AccessEntry): Problem[] {
  const tokenPolicies = (entry.accessPolicies ?? []).flatMap((p, i) =>
    isToken(p.policyARN)
      ? [tokenProblem(["accessPolicies", i, "policyARN"], "names the association's Terraform resource", "AmazonEKSViewPolicy")]
      : [],
  );
  return [...knownValueProblems(entry, accessEntryProblems(entry)), ...tokenPolicies];
}
