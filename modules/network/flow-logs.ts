import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { AwsContext } from "../shared/aws-context";
import { EncryptionKey } from "../shared/encryption-key";
import { policyDocument } from "../shared/policy-document";

export interface FlowLogsProps {
  readonly vpcId: string;
  /** Names the log group `/aws/vpc/<name>/flow-logs` and the role `<name>-flow-logs`. */
  readonly name: string;
  /**
   * Days to keep flow logs (a CloudWatch Logs retention period).
   * @default 365
   */
  readonly retentionDays?: number;
}

/** VPC flow logs (all traffic) into a KMS-encrypted CloudWatch log group. */
export class FlowLogs extends Construct {
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const aws = AwsContext.of(this);
    const logGroupName = `/aws/vpc/${props.name}/flow-logs`;
    const key = new EncryptionKey(this, "key", {
      description: `VPC flow logs of ${props.name}`,
      alias: `vpc/${props.name}/flow-logs`,
      logGroupNames: [logGroupName],
    });
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: logGroupName,
      retentionInDays: props.retentionDays ?? 365,
      kmsKeyId: key.arn,
    });
    const role = new IamRole(this, "role", {
      name: `${props.name}-flow-logs`,
      description: `Lets VPC Flow Logs write to ${logGroupName}`,
      assumeRolePolicy: policyDocument({
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": aws.accountId } },
      }),
    });
    new IamRolePolicy(this, "write-logs", {
      role: role.name,
      name: "write-flow-logs",
      policy: policyDocument(
        {
          Sid: "WriteFlowLogStreams",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: `${this.logGroup.arn}:log-stream:*`,
        },
        { Sid: "DescribeFlowLogStreams", Effect: "Allow", Action: "logs:DescribeLogStreams", Resource: this.logGroup.arn },
      ),
    });
    new FlowLog(this, "flow-log", {
      vpcId: props.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: { Name: `${props.name}-flow-logs` },
    });
  }
}
