import { stringify } from "yaml";
import { parseEnvironment } from "../../environment/load";
import { clusterJson, devConfig, devInput, merge, nonEmpty, resources, synthEnvironment } from "../support/environment";
import { POD_ROLES } from "../support/variants";

const problemsWith = (overrides: Record<string, unknown>) =>
  parseEnvironment(stringify(merge(devInput(), overrides)), "config/dev.yaml").lines;

/** Every IAM policy document in a stack: trust policies, inline policies, key policies. */
function policies(tf: ReturnType<typeof clusterJson>): Array<{ where: string; doc: any }> {
  const out: Array<{ where: string; doc: any }> = [];
  for (const [type, field] of [
    ["aws_iam_role", "assume_role_policy"],
    ["aws_iam_role_policy", "policy"],
    ["aws_kms_key", "policy"],
  ]) {
    for (const [name, r] of Object.entries(resources(tf, type))) out.push({ where: `${type}.${name}`, doc: JSON.parse(r[field]) });
  }
  return out;
}

describe("podRoles in config", () => {
  test.each([
    [
      {
        podRoles: [
          { namespace: "app", serviceAccountName: "a", roleARN: "arn:aws:iam::111122223333:role/x" },
          { namespace: "app", serviceAccountName: "a", roleARN: "arn:aws:iam::111122223333:role/y" },
        ],
      },
      "config/dev.yaml: podRoles[1].serviceAccountName: app/a already has a role at podRoles[0]; a service account gets one role per cluster — merge the permissions into that one",
    ],
    [
      { podRoles: [{ namespace: "app", serviceAccountName: "a", mechanism: "kube2iam", roleARN: "arn:aws:iam::111122223333:role/x" }] },
      'config/dev.yaml: podRoles[0].mechanism: "kube2iam" is not allowed; use one of podIdentity, irsa (case-sensitive)',
    ],
    [
      {
        podRoles: [
          {
            namespace: "app",
            serviceAccountName: "a",
            permissionPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListBuckets", Resource: "*" }] },
          },
        ],
      },
      'config/dev.yaml: podRoles[0].permissionPolicy.Statement[0].Action: "s3:ListBuckets" is not an action of s3 (did you mean s3:ListBucket?); check AWS\'s service authorization reference',
    ],
    [
      { podRoles: [{ namespace: "app", serviceAccountName: "a" }] },
      "config/dev.yaml: podRoles[0].permissionPolicyARNs: the role would have no permissions; give permissionPolicyARNs or permissionPolicy, or roleARN for an existing role",
    ],
  ])("%p", (overrides, message) => {
    // GIVEN dev.yaml with one mistake in podRoles THEN that one problem, with the fix
    expect(problemsWith(overrides)).toEqual([message]);
  });

  test("IRSA service accounts go to the in-cluster stack with the role annotation; Pod Identity ones need none", () => {
    // GIVEN pod roles of both mechanisms and a deploy role WHEN synthesized THEN a cluster and an in-cluster stack
    const stacks = synthEnvironment(
      devConfig({ podRoles: POD_ROLES, inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" } }),
    );
    expect(Object.keys(stacks)).toEqual(["dev-cluster", "dev-in-cluster"]);
    // AND the in-cluster stack creates only the IRSA service account app/uploader, annotated with its role from the cluster stack, and touches no config map
    const accounts = stacks["dev-in-cluster"].resource!.kubernetes_service_account_v1;
    expect(Object.keys(accounts)).toEqual(["service-accounts_app_uploader"]);
    expect(accounts["service-accounts_app_uploader"].metadata).toMatchObject({
      name: "uploader",
      namespace: "app",
      annotations: {
        "eks.amazonaws.com/role-arn":
          "${data.terraform_remote_state.cross-stack-reference-input-dev-cluster.outputs.cross-stack-output-aws_iam_role-pod-roles_app_uploader_role-arn}",
      },
    });
    expect(stacks["dev-in-cluster"].resource!.kubernetes_config_map_v1_data).toBeUndefined();
  });

  test("Pod Identity only: no in-cluster stack", () => {
    // GIVEN dev.yaml with a single Pod Identity role WHEN synthesized THEN only the cluster stack
    expect(Object.keys(synthEnvironment(devConfig({ podRoles: [POD_ROLES[0]] })))).toEqual(["dev-cluster"]);
  });

  test("egress none: the eks-auth endpoint Pod Identity needs is there", () => {
    // GIVEN egress none and a Pod Identity role WHEN synthesized THEN the eks-auth interface endpoint, with private DNS
    const tf = clusterJson({ network: { egress: "none" }, podRoles: [POD_ROLES[0]] });
    expect(resources(tf, "aws_vpc_endpoint")["network_endpoints_eks-auth"]).toMatchObject({ private_dns_enabled: true });
  });

  test("no kube2iam pattern: no policy allows sts:AssumeRole on *, and the node role has no inline policy", () => {
    // GIVEN pod roles of both mechanisms and a deploy role WHEN synthesized
    // THEN no trust, inline or key policy allows sts:AssumeRole (or sts:*, or *) on *, and the node role has no inline policy
    const tf = clusterJson({ podRoles: POD_ROLES, inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" } });
    for (const { where, doc } of nonEmpty(policies(tf))) {
      for (const s of nonEmpty([doc.Statement].flat())) {
        const actions = [s.Action ?? []].flat();
        const resourcesOf = [s.Resource ?? []].flat();
        const assumesAnything =
          s.Effect === "Allow" &&
          actions.some((a: string) => /^sts:(AssumeRole|\*)$|^\*$/.test(a)) &&
          resourcesOf.includes("*") &&
          !s.Principal;
        expect([where, assumesAnything]).toEqual([where, false]);
      }
    }
    expect(Object.keys(resources(tf, "aws_iam_role_policy")).filter((k) => k.includes("node-role"))).toEqual([]);
  });
});
