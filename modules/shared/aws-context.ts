import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";

const ID = "context";

/**
 * Account, partition and region of a stack, read once per stack (like aws-cdk's `Stack.of`), so
 * ARNs are built for the partition the stack runs in rather than assuming `aws`.
 */
export class AwsContext extends Construct {
  static of(scope: Construct): AwsContext {
    const stack = TerraformStack.of(scope);
    return (stack.node.tryFindChild(ID) as AwsContext | undefined) ?? new AwsContext(stack, ID);
  }

  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
  /** `amazonaws.com`, or `amazonaws.com.cn` in China. */
  readonly dnsSuffix: string;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.accountId = new DataAwsCallerIdentity(this, "account").accountId;
    const partition = new DataAwsPartition(this, "partition");
    this.partition = partition.partition;
    this.dnsSuffix = partition.dnsSuffix;
    this.region = new DataAwsRegion(this, "region").name;
  }

  /** `arn:<partition>:<service>:<region>:<account>:<resource>`; pass "" for global services. */
  arn(service: string, resource: string, opts: { region?: string; account?: string } = {}): string {
    return `arn:${this.partition}:${service}:${opts.region ?? this.region}:${opts.account ?? this.accountId}:${resource}`;
  }
}
