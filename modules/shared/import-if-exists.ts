import { Fn, TerraformElement, TerraformResource, Token } from "cdktf";
import { Construct } from "constructs";

export interface ImportIfExistsProps {
  /** The resource that adopts the existing object. */
  readonly resource: TerraformResource;
  /** The import id of the existing object (for a log group: its name). */
  readonly importId: string;
  /**
   * A boolean Terraform expression known at plan time (e.g. from a data source) that is true when
   * the object already exists outside the state.
   */
  readonly exists: unknown;
}

/**
 * A Terraform `import` block with `for_each` (Terraform ≥ 1.7): `resource` adopts the object
 * `importId` when `exists` is true at plan time, and nothing happens otherwise. Once the resource
 * is in state the block is a no-op (Terraform skips an import whose target is already managed),
 * so it stays in the configuration for good.
 *
 * cdktf's `importFrom` writes an unconditional import, which fails when the object does not exist:
 * hence this element. Synthesizes JSON (`cdk.tf.json`) and HCL.
 */
export class ImportIfExists extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly props: ImportIfExistsProps,
  ) {
    super(scope, id);
  }

  private get to(): string {
    return `${this.props.resource.terraformResourceType}.${this.props.resource.friendlyUniqueId}`;
  }

  private get forEach(): string {
    return Token.asString(Fn.conditional(this.props.exists, Fn.toset(["existing"]), Fn.toset([])));
  }

  toTerraform(): any {
    return { import: [{ for_each: this.forEach, to: this.to, id: this.props.importId }] };
  }

  toHclTerraform(): any {
    return {
      import: [
        {
          for_each: { value: this.forEach, type: "simple", storageClassType: "set" },
          to: { value: this.to, type: "simple", storageClassType: "reference" },
          id: { value: this.props.importId, type: "simple", storageClassType: "string" },
        },
      ],
    };
  }
}
