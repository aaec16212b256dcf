import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import { PrivateCluster, PrivateClusterProps } from "../../modules/cluster/private-cluster";
import { PrivateEksStack } from "../../stacks/private-eks-stack";
import { TfJson } from "./environment";

/** An empty stack with an AWS provider, for testing one construct at a time. */
export function testStack(id = "test", region = "eu-west-1"): PrivateEksStack {
  const stack = new PrivateEksStack(Testing.app(), id);
  new AwsProvider(stack, "aws", { region });
  return stack;
}

/**
 * The shared fixture: a stack with an AWS provider and a minimal private cluster (construct id
 * "cluster", name "dev", two subnets), to which a test adds what it tests. `props` override the
 * cluster's; `stack` puts it in a stack the test already built.
 */
export function testCluster(
  props: Partial<PrivateClusterProps> = {},
  stack: PrivateEksStack = testStack(),
): { stack: PrivateEksStack; cluster: PrivateCluster } {
  const cluster = new PrivateCluster(stack, "cluster", { name: "dev", subnetIds: ["subnet-a", "subnet-b"], ...props });
  return { stack, cluster };
}

export function synthJson(stack: PrivateEksStack): TfJson {
  return JSON.parse(Testing.synth(stack));
}

/** What `f` throws, as `<class name>: <message>` (a user mistake is a ValidationError), or "nothing thrown". */
export function thrown(f: () => void): string {
  try {
    f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return "nothing thrown";
}
