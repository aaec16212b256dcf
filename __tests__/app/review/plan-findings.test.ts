import { planFindings } from "../../../app/review/plan";

/** One resource change as `terraform show -json` writes it. */
const change = (address: string, type: string, actions: string[], extra: object = {}) => ({
  address,
  type,
  change: { actions, before: {}, after: {}, replace_paths: [["instance_types"]] },
  ...extra,
});

describe("planFindings: node groups", () => {
  test("a create-before-destroy replacement is reported and rolls; destroy-first and a plain delete are BLOCKING", () => {
    // GIVEN a plan that replaces one node group create-before-destroy (its lifecycle), one at a moved address,
    // one destroy-first, and deletes a fourth
    const plan = {
      resource_changes: [
        change("aws_eks_node_group.cluster_general_node-group", "aws_eks_node_group", ["create", "delete"]),
        change("aws_eks_node_group.cluster_workers_node-group", "aws_eks_node_group", ["create", "delete"], {
          previous_address: "aws_eks_node_group.cluster_general_node-group",
        }),
        change("aws_eks_node_group.cluster_legacy_node-group", "aws_eks_node_group", ["delete", "create"]),
        change("aws_eks_node_group.cluster_batch_node-group", "aws_eks_node_group", ["delete"]),
      ],
    };
    // WHEN the review reads it
    const findings = planFindings(plan);
    // THEN the create-first replacements are not blocking and say why they roll
    expect(findings[0]).toMatchObject({
      action: "replace",
      blocking: false,
      why: "replaced create-before-destroy: the new group's nodes join before the old group is drained",
    });
    expect(findings[1].blocking).toBe(false);
    expect(findings[1].why).toContain("(moved from aws_eks_node_group.cluster_general_node-group)");
    // AND a destroy-first replacement and a delete take nodes away before anything replaces them: BLOCKING
    const dropped = "a node group's nodes would be drained and terminated before a replacement serves";
    expect(findings[2]).toMatchObject({ action: "replace", blocking: true, why: dropped });
    expect(findings[3]).toMatchObject({ action: "delete", blocking: true, why: dropped });
  });
});
