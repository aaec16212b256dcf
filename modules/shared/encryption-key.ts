import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { AwsContext } from "./aws-context";
import { PolicyStatement, policyDocument } from "./policy-document";

export interface EncryptionKeyProps {
  readonly description: string;
  /** Without the `alias/` prefix, e.g. `eks/dev`. */
  readonly alias: string;
  /**
   * CloudWatch Logs log group names that may use the key (the logs service is limited to exactly
   * these through the encryption context).
   * @default - the logs service may not use the key
   */
  readonly logGroupNames?: string[];
  /**
   * Further statements for principals that use the key (e.g. the EKS cluster role).
   * @default - none
   */
  readonly usage?: PolicyStatement[];
  /**
   * `prevent_destroy` on the key: a deleted key makes everything encrypted with it unreadable.
   * @default false
   */
  readonly protect?: boolean;
}

/** A customer-managed KMS key with rotation on, a 30-day deletion window and an alias. */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const aws = AwsContext.of(this);
    const statements: PolicyStatement[] = [
      {
        Sid: "AccountAdministersKey",
        Effect: "Allow",
        Principal: { AWS: `arn:${aws.partition}:iam::${aws.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      ...(props.usage ?? []),
    ];
    if (props.logGroupNames?.length) {
      statements.push({
        Sid: "CloudWatchLogsUsesKey",
        Effect: "Allow",
        Principal: { Service: `logs.${aws.region}.${aws.dnsSuffix}` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnEquals: { "kms:EncryptionContext:aws:logs:arn": props.logGroupNames.map((name) => aws.arn("logs", `log-group:${name}`)) },
        },
      });
    }
    this.key = new KmsKey(this, "key", {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument(...statements),
      lifecycle: props.protect ? { preventDestroy: true } : undefined,
    });
    this.arn = this.key.arn;
    new KmsAlias(this, "alias", { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
  }
}
