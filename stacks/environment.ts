import { App } from "cdktf";
import { EnvironmentConfig } from "../lib/config/schema/environment";
import { ClusterStack } from "./cluster-stack";

/** The stacks of one environment. */
export interface EnvironmentStacks {
  readonly cluster: ClusterStack;
}

/** Adds one environment's stacks to an app: `<name>-cluster` (and later `<name>-in-cluster`). */
export function addEnvironment(app: App, config: EnvironmentConfig): EnvironmentStacks {
  const cluster = new ClusterStack(app, `${config.name}-cluster`, config);
  return { cluster };
}
