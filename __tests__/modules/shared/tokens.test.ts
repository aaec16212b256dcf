import { Fn, TerraformVariable, Token } from "cdktf";
import { ClusterAddons } from "../../../modules/cluster/addons";
import { NodeGroup } from "../../../modules/cluster/node-group";
import { PrivateCluster } from "../../../modules/cluster/private-cluster";
import { Network } from "../../../modules/network/network";
import { PodRoles } from "../../../modules/pod-roles/pod-roles";
import { knownValueProblems } from "../../../modules/shared/tokens";
import { resources } from "../../support/environment";
import { synthJson, testStack, thrown } from "../../support/fixture";

const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE";

/**
 * Values that are tokens (variables, other resources' attributes) are known only at apply: the
 * constructs do not judge them, and no message prints `${TfToken[...]}`. A value that names
 * Terraform resources must be known, and says so.
 */
describe("token values in construct props", () => {
  test("the helper drops problems at, inside, or quoting a token, and keeps the others", () => {
    // GIVEN props with a string, a number and a list token, and problems about each
    const min = Token.asNumber(Fn.abs(-1));
    const props = { name: Fn.lower("X"), minSize: min, maxSize: 3, zones: Token.asList(Fn.split(",", "a,b")) };
    const problems = [
      { path: ["name"], message: "bad name" },
      { path: ["zones", 0], message: "bad zone" },
      { path: ["maxSize"], message: `3 is smaller than minSize (${min})` },
      { path: ["maxSize"], message: "kept" },
    ];
    // WHEN filtered THEN only the problem about a known value, quoting none, is left
    expect(knownValueProblems(props, problems)).toEqual([{ path: ["maxSize"], message: "kept" }]);
  });

  test("PrivateCluster: a name, version and authentication mode that are tokens are not judged", () => {
    // GIVEN a cluster whose name, version and mode are Terraform values
    const stack = testStack();
    const name = new TerraformVariable(stack, "cluster_name", { type: "string" }).stringValue;
    const build = () => {
      const cluster = new PrivateCluster(stack, "cluster", {
        name,
        version: Fn.lower("1.36"),
        authenticationMode: Fn.upper("api") as "API",
        subnetIds: ["subnet-a"],
      });
      new ClusterAddons(stack, "addons", { cluster });
      cluster.addNodeGroup({ name: "general" });
      // AND the node role granted by reference: refused, naming the cluster <cluster>
      return thrown(() => cluster.grantAccess(cluster.nodeRole.arn, {}, "nodes"));
    };
    // WHEN built THEN nothing else is refused, and no message prints a token
    const refusal = build();
    expect(refusal).toEqual(
      "ValidationError: test/cluster: principalARN: <cluster>-node is the managed node groups' role: EKS creates its access entry itself (a duplicate fails with ResourceInUseException); do not give it an access entry of its own",
    );
    expect(thrown(() => synthJson(stack))).toBe("nothing thrown");
  });

  test("NodeGroup: sizes, disk, hop limit, instance types and maxUnavailable that are tokens are not judged", () => {
    // GIVEN a group whose numbers are all Terraform values
    const stack = testStack();
    const n = (id: string) => new TerraformVariable(stack, id, { type: "number" }).numberValue;
    const group = new NodeGroup(stack, "group", {
      name: Fn.lower("General"),
      clusterName: "dev",
      clusterVersion: "1.36",
      nodeRoleArn: "arn:aws:iam::111122223333:role/dev-node",
      subnetIds: ["subnet-a"],
      instanceTypes: Token.asList(Fn.split(",", "m6i.large")),
      minSize: n("min"),
      maxSize: 3,
      desiredSize: n("desired"),
      diskSizeGiB: n("disk"),
      httpPutResponseHopLimit: n("hops"),
      maxUnavailable: n("unavailable"),
    });
    // THEN it synthesizes, with the values as references
    expect(group.nodeGroup).toBeDefined();
    expect(Object.values(resources(synthJson(stack), "aws_eks_node_group"))[0].scaling_config).toEqual({
      min_size: "${var.min}",
      max_size: 3,
      desired_size: "${var.desired}",
    });
  });

  test("NodeGroup: a literal size compared with a token is not judged either", () => {
    // GIVEN minSize 5 and a maxSize known only at apply
    const stack = testStack();
    const cluster = new PrivateCluster(stack, "cluster", { name: "dev", subnetIds: ["subnet-a"] });
    const max = new TerraformVariable(stack, "max", { type: "number" }).numberValue;
    // WHEN added THEN nothing is thrown (5 > max cannot be known now)
    expect(thrown(() => cluster.addNodeGroup({ name: "general", minSize: 5, maxSize: max, desiredSize: 6 }))).toBe("nothing thrown");
  });

  test("values that name Terraform resources must be known, and say so without printing the token", () => {
    // GIVEN a cluster and pod roles
    const stack = testStack();
    const cluster = new PrivateCluster(stack, "cluster", { name: "dev", subnetIds: ["subnet-a"] });
    const roles = new PodRoles(stack, "pod-roles", {
      cluster: { name: "dev", arn: "arn:aws:eks:eu-west-1:111122223333:cluster/dev", oidcIssuerUrl: ISSUER },
      namePrefix: "dev",
    });
    const text = new TerraformVariable(stack, "text", { type: "string" }).stringValue;
    // WHEN a group name, a namespace, a service account, a managed policy or a percentage is a token THEN each is refused in its prop's name
    const messages = [
      thrown(() => cluster.addNodeGroup({ name: text })),
      thrown(() => cluster.addNodeGroup({ name: "general", maxUnavailable: text as `${number}%` })),
      thrown(() =>
        roles.add({ namespace: text, serviceAccountName: text, permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }),
      ),
      thrown(() => roles.add({ namespace: "app", serviceAccountName: "reader", permissionPolicyARNs: [text] })),
    ];
    expect(messages).toEqual([
      "ValidationError: test/cluster: name: is a token (known only at apply); write the value itself, which names the node group's Terraform resources (example: general)",
      `ValidationError: test/cluster/general: maxUnavailable: is a token (known only at apply); write the value itself, which decides between update_config's max_unavailable and max_unavailable_percentage (example: "25%")`,
      [
        "ValidationError: test/pod-roles: namespace: is a token (known only at apply); write the value itself, which names the role's Terraform resources (example: app)",
        "test/pod-roles: serviceAccountName: is a token (known only at apply); write the value itself, which names the role's Terraform resources (example: s3-reader)",
      ].join("\n"),
      "ValidationError: test/pod-roles[app/reader]: permissionPolicyARNs[0]: is a token (known only at apply); write the value itself, which names the attachment's Terraform resource (example: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess)",
    ]);
  });

  test("Network: the CIDR and zone count plan the subnets at synth, so they must be known", () => {
    // GIVEN a CIDR and a zone count that are Terraform values WHEN a network is built THEN both are refused by name
    const stack = testStack();
    const cidr = new TerraformVariable(stack, "cidr", { type: "string" }).stringValue;
    const azCount = new TerraformVariable(stack, "az_count", { type: "number" }).numberValue;
    expect(thrown(() => new Network(stack, "network", { name: "dev", cidr, azCount }))).toEqual(
      [
        "ValidationError: test/network: cidr: is a token (known only at apply); write the value itself, which plans the subnets at synth (example: 10.0.0.0/16)",
        "test/network: azCount: is a token (known only at apply); write the value itself, which plans the subnets at synth (example: 3)",
      ].join("\n"),
    );
  });

  test("PodRoles: ARNs, a role name and a session duration that are tokens are not judged", () => {
    // GIVEN a pod role whose other values are Terraform values
    const stack = testStack();
    const roles = new PodRoles(stack, "pod-roles", {
      cluster: { name: "dev", arn: "arn:aws:eks:eu-west-1:111122223333:cluster/dev", oidcIssuerUrl: ISSUER },
      namePrefix: "dev",
    });
    const text = (id: string) => new TerraformVariable(stack, id, { type: "string" }).stringValue;
    // WHEN added THEN nothing is refused
    expect(
      thrown(() => {
        roles.add({ namespace: "app", serviceAccountName: "reader", roleARN: text("role") });
        roles.add({
          namespace: "app",
          serviceAccountName: "writer",
          permissionPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:PutObject"], Resource: text("bucket") }] },
          roleName: text("role_name"),
          permissionsBoundaryARN: text("boundary"),
          maxSessionDuration: new TerraformVariable(stack, "duration", { type: "number" }).numberValue,
        });
      }),
    ).toBe("nothing thrown");
  });

  test("no message about a token value prints it", () => {
    // GIVEN every value of a node group a token but its name WHEN something is refused THEN it is not the token's text
    const stack = testStack();
    const cluster = new PrivateCluster(stack, "cluster", { name: Fn.lower("Dev"), version: Fn.lower("1.x"), subnetIds: ["subnet-a"] });
    const message = thrown(() =>
      cluster.addNodeGroup({ name: "general", instanceTypes: [Fn.lower("LARGE")], minSize: Token.asNumber(Fn.abs(-9)), maxSize: 1 }),
    );
    expect(message).not.toContain("TfToken");
    expect(message).toBe("nothing thrown");
  });
});
