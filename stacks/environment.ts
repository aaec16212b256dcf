import { App } from "cdktf";
import { EnvironmentConfig } from "../environment/schema/environment";
import { ClusterStack } from "./cluster-stack";
import { InClusterStack } from "./in-cluster-stack";
import { clusterStackId, inClusterStackId } from "../core/names";
import { needsInClusterStack } from "../environment/stack-ids";

/** The stacks of one environment. */
export interface EnvironmentStacks {
  readonly cluster: ClusterStack;
  /** Only when something must be written through the Kubernetes API. */
  readonly inCluster?: InClusterStack;
}

/** Adds one environment's stacks to an app: `<name>-cluster`, and `<name>-in-cluster` when needed. */
export function addEnvironment(app: App, config: EnvironmentConfig): EnvironmentStacks {
  const cluster = new ClusterStack(app, clusterStackId(config.name), config);
  const inCluster = needsInClusterStack(config) ? new InClusterStack(app, inClusterStackId(config.name), config, cluster) : undefined;
  return { cluster, inCluster };
}
