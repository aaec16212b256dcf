import { App } from "cdktf";
import { EnvironmentConfig } from "../lib/config/schema/environment";
import { ClusterStack } from "./cluster-stack";
import { InClusterStack } from "./in-cluster-stack";
import { needsInClusterStack } from "./stack-ids";

/** The stacks of one environment. */
export interface EnvironmentStacks {
  readonly cluster: ClusterStack;
  /** Only when something must be written through the Kubernetes API. */
  readonly inCluster?: InClusterStack;
}

/** Adds one environment's stacks to an app: `<name>-cluster`, and `<name>-in-cluster` when needed. */
export function addEnvironment(app: App, config: EnvironmentConfig): EnvironmentStacks {
  const cluster = new ClusterStack(app, `${config.name}-cluster`, config);
  const inCluster = needsInClusterStack(config) ? new InClusterStack(app, `${config.name}-in-cluster`, config, cluster) : undefined;
  return { cluster, inCluster };
}
