import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import { PrivateEksStack } from "../../stacks/private-eks-stack";
import { TfJson } from "./environment";

/** An empty stack with an AWS provider, for testing one construct at a time. */
export function testStack(id = "test"): PrivateEksStack {
  const stack = new PrivateEksStack(Testing.app(), id);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  return stack;
}

export function synthJson(stack: PrivateEksStack): TfJson {
  return JSON.parse(Testing.synth(stack));
}
