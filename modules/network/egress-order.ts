import { DataResource, ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

export interface EgressOrderProps {
  /** The egress mode; a change replaces the marker. */
  readonly egress: string;
  /** What provides egress in this mode (NAT gateways and routes, or VPC endpoints). */
  readonly providers: ITerraformDependable[];
}

/**
 * Orders an egress switch: a `terraform_data` marker, replaced create-before-destroy whenever the
 * egress mode changes, that depends on whatever provides egress in the current mode.
 *
 * Terraform destroys a removed resource only after destroying everything that depended on it
 * (dependencies as recorded in state), and destroys a create-before-destroy object only after its
 * replacement exists. So switching `nat` → `none`: endpoints (and their security group) are created,
 * then the new marker, then the old marker is destroyed, and only then the routes and NAT gateways
 * it depended on. `none` → `nat`: NAT gateways and routes first, endpoints last.
 */
export class EgressOrder extends Construct {
  constructor(scope: Construct, id: string, props: EgressOrderProps) {
    super(scope, id);
    new DataResource(this, "marker", {
      input: { egress: props.egress },
      triggersReplace: { egress: props.egress },
      dependsOn: props.providers,
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
