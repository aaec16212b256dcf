/** An IAM policy statement, written the way AWS documents it. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: { readonly Service?: string | string[]; readonly AWS?: string | string[]; readonly Federated?: string };
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/**
 * A policy JSON string. Tokens (ARNs of other resources) may appear in values and render as
 * Terraform interpolations inside the string; keys must be literal (see docs: Fn.jsonencode breaks
 * on token keys). The result stays readable JSON in cdk.tf.json, which the review command parses.
 */
export function policyDocument(...statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** Trust policy letting an AWS service assume a role. */
export function serviceTrust(service: string, actions: string[] = ["sts:AssumeRole"]): string {
  return policyDocument({ Effect: "Allow", Principal: { Service: service }, Action: actions });
}
