import { TerraformElement, TerraformStack } from "cdktf";
import { Node } from "constructs";

/**
 * A stack whose Terraform addresses are the construct path, readable and free of hashes:
 * `aws_eks_access_entry.access_eks-admins`, not `..._access_eks-admins_A1B2C3D4`. Construct ids
 * come from stable keys, so these addresses survive reordering the config.
 */
export class PrivateEksStack extends TerraformStack {
  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const components = node.scopes.slice(node.scopes.indexOf(this) + 1).map((c) => c.node.id);
    const id = components.join("_").replace(/[^A-Za-z0-9_-]/g, "-");
    return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
  }
}
