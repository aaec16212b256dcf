import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { parseEnvironment } from "../../../environment/load";
import { importKube2iam } from "../../../app/importers/kube2iam";
import { ROOT } from "../../support/environment";
import { cli } from "../../support/cli";
import { hasStackTrace, privateEks } from "../../support/run";

const fixture = (name: string) => join(ROOT, "__tests__", "fixtures", "kube2iam", name);
const BASE = "arn:aws:iam::111122223333:role/";
const DEFAULT_SA = (namespace: string, role: string, workload: string) =>
  `the namespace's default service account, used with ${BASE}${role} by ${workload}: with Pod Identity every pod in ${namespace} that names no service account would get that role — give it its own service account, or pass --allow-default-service-account`;
const trust = (namespace: string, serviceAccount: string) => ({
  Sid: "EksPodIdentity",
  Effect: "Allow",
  Principal: { Service: "pods.eks.amazonaws.com" },
  Action: ["sts:AssumeRole", "sts:TagSession"],
  Condition: {
    StringEquals: { "aws:RequestTag/kubernetes-namespace": namespace, "aws:RequestTag/kubernetes-service-account": serviceAccount },
  },
});

describe("import-kube2iam", () => {
  test("every workload kind, a List, and both conflicts, --json compared whole, exit 2", () => {
    // GIVEN manifests of every workload kind and a List, annotated with role names and ARNs, and --base-role-arn WHEN imported with --json
    // THEN exit 2: a Pod Identity role per annotated service account, the two conflicts (a default service account, one with two roles), and each role's trust statement
    const r = privateEks(["import-kube2iam", "--json", "--base-role-arn", BASE, fixture("workloads.yaml"), fixture("list.yaml")]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      podRoles: [
        { namespace: "default", serviceAccountName: "legacy", mechanism: "podIdentity", roleARN: `${BASE}legacy` },
        { namespace: "ops", serviceAccountName: "debugger", mechanism: "podIdentity", roleARN: `${BASE}ops-debug` },
        { namespace: "payments", serviceAccountName: "api", mechanism: "podIdentity", roleARN: `${BASE}payments-api` },
        { namespace: "shop", serviceAccountName: "backup", mechanism: "podIdentity", roleARN: `${BASE}backup-writer` },
        { namespace: "shop", serviceAccountName: "web", mechanism: "podIdentity", roleARN: `${BASE}shop-s3-reader` },
      ],
      conflicts: [
        {
          namespace: "logging",
          serviceAccountName: "default",
          roles: [`${BASE}log-shipper`],
          workloads: ["DaemonSet/log-shipper"],
          reason: DEFAULT_SA("logging", "log-shipper", "DaemonSet/log-shipper"),
        },
        {
          namespace: "shop",
          serviceAccountName: "jobs",
          roles: [`${BASE}shop-migrator`, `${BASE}shop-reporter`],
          workloads: ["CronJob/nightly-report", "Job/migrate"],
          reason: `used with 2 roles (${BASE}shop-migrator, ${BASE}shop-reporter) by CronJob/nightly-report, Job/migrate; Pod Identity maps one role per service account — give each workload its own service account`,
        },
      ],
      trustStatements: {
        [`${BASE}backup-writer`]: trust("shop", "backup"),
        [`${BASE}legacy`]: trust("default", "legacy"),
        [`${BASE}ops-debug`]: trust("ops", "debugger"),
        [`${BASE}payments-api`]: trust("payments", "api"),
        [`${BASE}shop-s3-reader`]: trust("shop", "web"),
      },
    });
    // AND stderr names both conflicts, a workload sharing a service account without the annotation, and the node role's sts:AssumeRole to remove
    expect(r.stderr).toContain(`Not mapped: logging/default is ${DEFAULT_SA("logging", "log-shipper", "DaemonSet/log-shipper")}.\n`);
    expect(r.stderr).toContain(
      `Not mapped: shop/jobs is used with 2 roles (${BASE}shop-migrator, ${BASE}shop-reporter) by CronJob/nightly-report, Job/migrate; Pod Identity maps one role per service account — give each workload its own service account.\n`,
    );
    expect(r.stderr).toContain("Check: payments/api is also used by Deployment/admin-tool without the annotation");
    expect(r.stderr).toContain("remove the node role's sts:AssumeRole permission");
  });

  test("a real cluster dump: controlled objects are skipped, so rollback history is no conflict; the default service account is one", async () => {
    // GIVEN kubectl get deploy,sts,ds,rs,job,cronjob,pod -A -o yaml mid-rollout: an old ReplicaSet with the previous role,
    // controllers' Pods and Jobs, a DaemonSet on its namespace's default service account, a Rollout's ReplicaSet
    // WHEN it is imported
    const r = await cli(["import-kube2iam", "--json", "--base-role-arn", BASE, fixture("cluster-dump.yaml")]);
    // THEN each controller's template is read once, the old role is not a conflict, the default service account is
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      podRoles: [
        { namespace: "payments", serviceAccountName: "checkout", mechanism: "podIdentity", roleARN: `${BASE}payments-checkout` },
        { namespace: "shop", serviceAccountName: "reporter", mechanism: "podIdentity", roleARN: `${BASE}shop-reporter` },
        { namespace: "shop", serviceAccountName: "web", mechanism: "podIdentity", roleARN: `${BASE}shop-web-v2` },
      ],
      conflicts: [
        {
          namespace: "logging",
          serviceAccountName: "default",
          roles: [`${BASE}log-shipper`],
          workloads: ["DaemonSet/log-shipper"],
          reason: DEFAULT_SA("logging", "log-shipper", "DaemonSet/log-shipper"),
        },
      ],
      trustStatements: {
        [`${BASE}payments-checkout`]: trust("payments", "checkout"),
        [`${BASE}shop-reporter`]: trust("shop", "reporter"),
        [`${BASE}shop-web-v2`]: trust("shop", "web"),
      },
    });
    expect(r.stderr).toContain(
      "Check: ReplicaSet/checkout-6c9d7f is controlled by Rollout/checkout, which is not in the input: its own pod template was read.\n",
    );
  });

  test("--allow-default-service-account maps the default service account, exit 0", async () => {
    // GIVEN the cluster dump, namespace logging only WHEN imported with --allow-default-service-account THEN exit 0, logging's default service account mapped to its role
    const r = await cli([
      "import-kube2iam",
      "--json",
      "--allow-default-service-account",
      "--namespace",
      "logging",
      "--base-role-arn",
      BASE,
      fixture("cluster-dump.yaml"),
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).podRoles).toEqual([
      { namespace: "logging", serviceAccountName: "default", mechanism: "podIdentity", roleARN: `${BASE}log-shipper` },
    ]);
  });

  test("--namespace filters: only the named namespaces are imported, and none matching is an error naming those present", async () => {
    // GIVEN the cluster dump
    // WHEN two namespaces are asked for, then one that has no workloads
    const some = await cli([
      "import-kube2iam",
      "--json",
      "--namespace",
      "shop",
      "--namespace",
      "payments",
      "--base-role-arn",
      BASE,
      fixture("cluster-dump.yaml"),
    ]);
    const none = await cli(["import-kube2iam", "--namespace", "billing", "--base-role-arn", BASE, fixture("cluster-dump.yaml")]);
    // THEN only theirs are imported; a namespace without workloads is an error, exit 1
    expect(some.code).toBe(0);
    expect(
      JSON.parse(some.stdout).podRoles.map(
        (p: { namespace: string; serviceAccountName: string }) => `${p.namespace}/${p.serviceAccountName}`,
      ),
    ).toEqual(["payments/checkout", "shop/reporter", "shop/web"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(
      `private-eks import-kube2iam: ${fixture("cluster-dump.yaml")}: no workloads in namespace billing (--namespace); the input has workloads in logging, payments, shop\n`,
    );
    expect(none.stdout).toBe("");
  });

  test("--help documents the options and exit codes, as the README does", async () => {
    // GIVEN import-kube2iam -h THEN exit 0, the --namespace option and the exit statuses 0, 1 and 2 explained
    const r = await cli(["import-kube2iam", "-h"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  --namespace <ns>                import only workloads in this namespace (repeatable)\n");
    expect(r.stdout).toContain(
      [
        "Exit status:",
        "  0  every annotated service account mapped",
        "  1  the input could not be read: broken YAML, no workloads, a role name without --base-role-arn,",
        "     or a file that is not UTF-8 of at most 32 MiB (a pipe, a device, a symbolic link loop)",
        "  2  imported with conflicts (a service account with two roles, or a namespace's default one):",
      ].join("\n"),
    );
    // AND the README states the same exit codes
    const readme = readFileSync(join(ROOT, "README.md"), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain(
      "`import-kube2iam` exits 0 when every annotated service account is mapped, 1 when the input cannot be read (broken YAML, no workloads, a role name without `--base-role-arn`, a pipe or device, a file over 32 MiB or not in UTF-8; nothing on stdout), and 2 when it imported with conflicts (stdout still holds the mapped `podRoles`).",
    );
  });

  test("--default-namespace for manifests without one, --cluster-arn narrows the trust", () => {
    // GIVEN a ReplicaSet with no namespace WHEN imported with a default namespace and a cluster ARN
    // THEN its pod role is in that namespace, and the role's trust statement is narrowed to the cluster
    const result = importKube2iam(
      [
        {
          name: "rs.yaml",
          text: "kind: ReplicaSet\nmetadata: {name: r}\nspec:\n  template:\n    metadata: {annotations: {iam.amazonaws.com/role: arn:aws:iam::111122223333:role/r}}\n    spec: {serviceAccountName: r}\n",
        },
      ],
      {
        defaultNamespace: "team-a",
        clusterArn: "arn:aws:eks:eu-west-1:111122223333:cluster/dev",
      },
    );
    expect(result.podRoles).toEqual([
      { namespace: "team-a", serviceAccountName: "r", mechanism: "podIdentity", roleARN: "arn:aws:iam::111122223333:role/r" },
    ]);
    expect(result.trustStatements["arn:aws:iam::111122223333:role/r"].Condition!.StringEquals["aws:RequestTag/eks-cluster-arn"]).toBe(
      "arn:aws:eks:eu-west-1:111122223333:cluster/dev",
    );
  });

  test("the YAML output pastes into config and validates", async () => {
    // GIVEN the workloads imported as YAML WHEN their podRoles are an environment's THEN the config loads without a problem
    const r = await cli(["import-kube2iam", "--base-role-arn", BASE, fixture("workloads.yaml")]);
    const podRoles = (require("yaml") as typeof import("yaml")).parse(r.stdout).podRoles;
    expect(parseEnvironment(stringify({ name: "dev", region: "eu-west-1", podRoles }), "dev.yaml").lines).toEqual([]);
  });

  test.each([
    [
      ["import-kube2iam", "-"],
      "kind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {annotations: {iam.amazonaws.com/role: reader}}\n",
      '<stdin>: document 1: Deployment/web: iam.amazonaws.com/role: "reader" is a role name; pass --base-role-arn',
    ],
    [
      ["import-kube2iam", "-"],
      "kind: Deployment\nmetadata: {name: web}\nspec: {replicas: 1}\n",
      "<stdin>: document 1: Deployment/web has no pod template where Kubernetes puts it (spec.template)",
    ],
    [["import-kube2iam", "-"], "kind: Service\n---\n- just\n- a list\n", "<stdin>: document 2: not a Kubernetes object (no kind)"],
    [
      ["import-kube2iam", "-"],
      "kind: Pod\nmetadata: {name: p, annotations: {iam.amazonaws.com/role: 'arn:aws:iam::111122223333:user/u'}}\n",
      '<stdin>: document 1: Pod/p: iam.amazonaws.com/role: "arn:aws:iam::111122223333:user/u" is not an IAM role ARN',
    ],
    [["import-kube2iam", "-"], "kind: Pod\n---\nkind: [\n", "<stdin>: document 2: line 4:"],
    [
      ["import-kube2iam", "--base-role-arn", "role/", "-"],
      "",
      '--base-role-arn "role/": use kube2iam\'s form, e.g. arn:aws:iam::111122223333:role/',
    ],
    [["import-kube2iam"], "", "name manifest files, or - for standard input"],
  ])("malformed input: %p", async (args, input, message) => {
    // GIVEN input or a command line the importer cannot read WHEN run THEN exit 1, the message, no stack trace
    const r = await cli(args, { input });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test("malformed standard input as a process: exit 1, the message, no stack trace", () => {
    // GIVEN a role name without --base-role-arn piped in WHEN imported by the command THEN one line, exit 1
    const r = privateEks(["import-kube2iam", "-"], {
      input: "kind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {annotations: {iam.amazonaws.com/role: reader}}\n",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '<stdin>: document 1: Deployment/web: iam.amazonaws.com/role: "reader" is a role name; pass --base-role-arn',
    );
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test("workloads without the annotation are ignored", () => {
    // GIVEN a Deployment without the iam.amazonaws.com/role annotation WHEN imported THEN nothing: no pod role, conflict or note
    const result = importKube2iam([
      { name: "x.yaml", text: "kind: Deployment\nmetadata: {name: plain}\nspec:\n  template:\n    spec: {serviceAccountName: web}\n" },
    ]);
    expect(result).toEqual({ podRoles: [], conflicts: [], trustStatements: {}, sharedWithUnannotated: [], ownerNotInInput: [] });
  });
});
