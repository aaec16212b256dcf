import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { AwsContext } from "./aws-context";
import { iamName } from "../../core/names";
import { serviceTrust } from "./policy-document";

export interface ServiceRoleProps {
  /** The role name (at most 64 characters; longer names are shortened deterministically). */
  readonly name: string;
  readonly description: string;
  /** e.g. `eks.amazonaws.com`. */
  readonly service: string;
  /**
   * Actions the service may call on STS.
   * @default ["sts:AssumeRole"]
   */
  readonly trustActions?: string[];
  /**
   * AWS-managed policy names to attach (built into partition-aware ARNs).
   * @default - none
   */
  readonly managedPolicies?: string[];
}

/** An IAM role assumed by an AWS service, with AWS-managed policies attached. */
export class ServiceRole extends Construct {
  readonly role: IamRole;
  readonly arn: string;
  readonly name: string;
  readonly attachments: IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    const aws = AwsContext.of(this);
    this.role = new IamRole(this, "role", {
      name: iamName(props.name),
      description: props.description,
      assumeRolePolicy: serviceTrust(props.service, props.trustActions),
    });
    this.arn = this.role.arn;
    this.name = this.role.name;
    this.attachments = (props.managedPolicies ?? []).map(
      (policy) =>
        new IamRolePolicyAttachment(this, policy, { role: this.role.name, policyArn: `arn:${aws.partition}:iam::aws:policy/${policy}` }),
    );
  }
}
