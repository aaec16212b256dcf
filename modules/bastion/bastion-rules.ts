import { instanceTypeProblem } from "../cluster/node-group-rules";

/** The bastion's default instance type: a port-forward tunnel needs little. */
export const BASTION_INSTANCE_TYPE = "t3.micro";

/** Why `t` cannot be the bastion's instance type, or nothing (the node groups' rule, with a bastion-sized example). */
export function bastionInstanceTypeProblem(t: string): string | undefined {
  return instanceTypeProblem(t, BASTION_INSTANCE_TYPE);
}
