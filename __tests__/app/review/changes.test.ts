import { Change, compare } from "../../../app/review/changes";
import { EnvironmentFacts } from "../../../app/review/facts";
import { infrastructureFacts } from "../../../app/review/infrastructure";
import { clusterJson } from "../../support/environment";
import { renderMarkdown } from "../../../app/review/markdown";
import { buildReview } from "../../../app/review/review";
import { devVariants, synthDir } from "../../support/review";
import { privateEks } from "../../support/run";

const CREATE_BEFORE_DESTROY = "create-before-destroy — a new group is created, then the old one is drained and deleted";
const DESTROY_THEN_CREATE =
  "destroy-then-create — the old group is drained and deleted first, then the new one is created (its capacity is gone meanwhile)";

// GIVEN (for every test) the default dev environment and variants of it with one edit each, all
// synthesized in one app; WHEN the review compares a base with a head; THEN exactly these changes.
const v = devVariants({
  base: {},
  renamed: { cluster: { name: "dev-renamed" } },
  renamedUnprotected: { cluster: { name: "dev-renamed", protect: false } },
  unprotected: { cluster: { protect: false } },
  vpcCidr: { network: { cidr: "10.1.0.0/16" } },
  instanceTypes: { nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 2 }] },
  capacityType: {
    nodeGroups: [{ name: "general", instanceTypes: ["m6i.large"], capacityType: "SPOT", minSize: 2, maxSize: 4, desiredSize: 2 }],
  },
  hopLimit: {
    nodeGroups: [{ name: "general", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 4, desiredSize: 2, httpPutResponseHopLimit: 2 }],
  },
  scaled: { nodeGroups: [{ name: "general", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 6, desiredSize: 2 }] },
  renamedGroup: { nodeGroups: [{ name: "workers", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 4, desiredSize: 2 }] },
  renamedGroupFrom: {
    nodeGroups: [{ name: "workers", renamedFrom: "general", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 4, desiredSize: 2 }],
  },
  otherGroup: { nodeGroups: [{ name: "batch", instanceTypes: ["c7g.large"], capacityType: "SPOT" }] },
  secondGroup: {
    nodeGroups: [
      { name: "general", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 4, desiredSize: 2 },
      { name: "batch", instanceTypes: ["c7g.large"], capacityType: "SPOT" },
    ],
  },
  noBastion: { bastion: { enabled: false } },
  bastionView: { bastion: { accessPolicy: "AmazonEKSViewPolicy" } },
  bastionAdmin: { bastion: { accessPolicy: "AmazonEKSClusterAdminPolicy" } },
  apiAndConfigMap: { cluster: { authenticationMode: "API_AND_CONFIG_MAP" } },
  wildcardPolicy: {
    podRoles: [
      { namespace: "app", serviceAccountName: "s3-reader", permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
      {
        namespace: "batch",
        serviceAccountName: "worker",
        permissionPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] },
      },
    ],
  },
  podRoleGains: {
    podRoles: [
      {
        namespace: "app",
        serviceAccountName: "s3-reader",
        permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"],
      },
    ],
  },
  version133: { cluster: { version: "1.33" } },
  version134: { cluster: { version: "1.34" } },
  version135: { cluster: { version: "1.35" } },
  publicOne: { cluster: { endpoint: "public-and-private", publicAccessCidrs: ["203.0.113.0/24"] } },
  publicTwo: { cluster: { endpoint: "public-and-private", publicAccessCidrs: ["203.0.113.0/24", "198.51.100.0/24"] } },
});
// How the shipped node group is replaced follows its lifecycle (create_before_destroy, with a name prefix, is day-2 work).
const REPLACEMENT = v.base.infrastructure.nodeGroups[0].createBeforeDestroy ? CREATE_BEFORE_DESTROY : DESTROY_THEN_CREATE;
const edit = (variant: keyof typeof v, base: EnvironmentFacts = v.base): Change[] => compare([base], [v[variant]]);
const kinds = (changes: Change[]) => changes.map((c) => c.kind);

describe("review --base: every change a reviewer must weigh", () => {
  test("an environment removed is reported (it used to be 'No change')", () => {
    // GIVEN dev and prod in the base WHEN prod is gone from the head
    const prod = { ...v.base, name: "prod", clusterName: "prod" };
    // THEN
    expect(compare([v.base, prod], [v.base])).toEqual([
      {
        environment: "prod",
        kind: "environment-removed",
        detail:
          "its stacks are no longer synthesized, so nothing deploys or reviews it any more; the cluster prod keeps running and its state stays in the backend. Run cdktf destroy first if it should go.",
      },
    ]);
  });

  test("cluster name changed with protect on (the default) → BLOCKING, naming the protected resource and the change", () => {
    // GIVEN dev (protect on) WHEN the head renames the cluster THEN first a BLOCKING finding: the protected cluster would be replaced and plan stops, with the ways out
    const changes = edit("renamed");
    expect(changes[0]).toEqual({
      environment: "dev",
      kind: "protected-replaced",
      blocking: true,
      detail:
        '`aws_eks_cluster.cluster_cluster` is protected (cluster.protect: prevent_destroy) and cluster name dev → dev-renamed replaces it: terraform plan stops with "Instance cannot be destroyed". Revert the change, or build a new environment beside this one and move the workloads.',
    });
  });

  test("cluster name changed without protection → BLOCKING cluster replacement", () => {
    // GIVEN dev with protect off WHEN the head renames the cluster THEN first a BLOCKING finding: the cluster and its workloads are destroyed and created anew
    const changes = edit("renamedUnprotected", v.unprotected);
    expect(changes[0]).toEqual({
      environment: "dev",
      kind: "cluster-replaced",
      blocking: true,
      detail:
        "cluster name dev → dev-renamed replaces the cluster (`aws_eks_cluster.cluster_cluster`): it and every workload on it are destroyed and created anew",
    });
  });

  test("cluster.version one minor up: reported (control plane in place, node groups roll), not blocking", () => {
    // GIVEN dev on 1.34 WHEN the head moves to 1.35 THEN
    expect(edit("version135", v.version134)).toEqual([
      {
        environment: "dev",
        kind: "cluster-version",
        detail:
          "Kubernetes 1.34 → 1.35: one minor up; the control plane upgrades in place (no downtime for workloads), then node group general rolls to it; it cannot be undone",
      },
      {
        environment: "dev",
        kind: "node-group-rolled",
        detail: "node group general: version 1.34 → 1.35: rolling update, maxUnavailable 1 — nodes are replaced a few at a time",
      },
    ]);
  });

  test.each([
    [
      "more than one minor up",
      "version133",
      "version135",
      'Kubernetes 1.33 → 1.35 skips a minor version: EKS upgrades one minor at a time and would fail mid-apply; upgrade to "1.34" first, apply, then continue',
    ],
    [
      "a downgrade",
      "version135",
      "version134",
      'Kubernetes 1.35 → 1.34 is a downgrade: EKS cannot downgrade a cluster; keep "1.35" (or build a new environment on 1.34)',
    ],
  ] as const)("cluster.version %s → BLOCKING, in the config rule's wording", (_what, from, to, detail) => {
    // GIVEN a base on one version WHEN the head names a version EKS refuses to move to THEN
    expect(compare([v[from]], [v[to]])[0]).toEqual({ environment: "dev", kind: "cluster-version", blocking: true, detail });
  });

  test("VPC CIDR changed → BLOCKING", () => {
    // GIVEN dev WHEN the head changes the VPC CIDR THEN one BLOCKING finding: the VPC and everything in it is replaced
    expect(edit("vpcCidr")).toEqual([
      {
        environment: "dev",
        kind: "vpc-cidr",
        blocking: true,
        detail: "VPC CIDR 10.0.0.0/16 → 10.1.0.0/16: replaces the VPC, its subnets, and everything in them (the cluster included)",
      },
    ]);
  });

  test.each([
    ["instanceTypes", `node group general: instance types m6i.large → m7i.large replaces it: ${REPLACEMENT}`],
    ["capacityType", `node group general: capacity type ON_DEMAND → SPOT replaces it: ${REPLACEMENT}`],
  ] as const)("node group %s changed → replaced, saying how (its lifecycle)", (variant, detail) => {
    // GIVEN dev WHEN the head changes the node group's instance types or capacity type THEN one change: the group is replaced, as its lifecycle does it
    expect(edit(variant)).toEqual([{ environment: "dev", kind: "node-group-replaced", detail }]);
  });

  test("node group launch template changed → rolling update with its maxUnavailable", () => {
    // GIVEN dev WHEN the head changes the node group's IMDS hop limit (its launch template) THEN among the changes, a rolling update with maxUnavailable 1
    expect(edit("hopLimit")).toContainEqual({
      environment: "dev",
      kind: "node-group-rolled",
      detail: "node group general: launch template changed: rolling update, maxUnavailable 1 — nodes are replaced a few at a time",
    });
  });

  test("node groups by node_group_name or node_group_name_prefix, with max_unavailable or max_unavailable_percentage: the same facts", () => {
    // GIVEN the shipped cluster stack's node group written both ways (whichever the modules ship today)
    const stack = clusterJson();
    const written = (how: (g: any) => void) => {
      const copy = JSON.parse(JSON.stringify(stack));
      for (const g of Object.values<any>(copy.resource.aws_eks_node_group)) {
        delete g.node_group_name;
        delete g.node_group_name_prefix;
        delete g.lifecycle?.create_before_destroy;
        how(g);
      }
      return copy;
    };
    const named = written((g) => Object.assign(g, { node_group_name: "general", update_config: { max_unavailable: 1 } }));
    const prefixed = written((g) =>
      Object.assign(g, {
        node_group_name_prefix: "general-",
        lifecycle: { ...g.lifecycle, create_before_destroy: true },
        update_config: { max_unavailable_percentage: 25 },
      }),
    );
    // WHEN their facts are read THEN the group keeps its key and name; how it is replaced and rolled follows each
    const [before] = infrastructureFacts(named).nodeGroups;
    const [after] = infrastructureFacts(prefixed).nodeGroups;
    expect(before).toMatchObject({ name: "general", createBeforeDestroy: false, maxUnavailable: "1" });
    expect(after).toMatchObject({ key: before.key, name: "general", createBeforeDestroy: true, maxUnavailable: "25%" });
    const facts = (infrastructure: typeof v.base.infrastructure) => ({ ...v.base, infrastructure });
    // WHEN only the launch template's lifecycle changes (create_before_destroy, as with the move) THEN no template version, no roll, no change
    for (const t of Object.values<any>(named.resource.aws_launch_template)) delete t.lifecycle;
    const templateLifecycle = JSON.parse(JSON.stringify(named));
    for (const t of Object.values<any>(templateLifecycle.resource.aws_launch_template)) t.lifecycle = { create_before_destroy: true };
    expect(compare([facts(infrastructureFacts(named))], [facts(infrastructureFacts(templateLifecycle))])).toEqual([]);
    // WHEN the module moves from one to the other THEN the review says it replaces the group, created before the old one goes
    expect(compare([facts(infrastructureFacts(named))], [facts(infrastructureFacts(prefixed))])).toEqual([
      {
        environment: "dev",
        kind: "node-group-replaced",
        detail: `node group general: name general → (none); name prefix (none) → general- replaces it: ${CREATE_BEFORE_DESTROY}`,
      },
    ]);
    // WHEN a prefixed group's instance types change THEN create-before-destroy; a named one's: destroy-then-create
    const bigger = (tf: any) => {
      const copy = JSON.parse(JSON.stringify(tf));
      for (const g of Object.values<any>(copy.resource.aws_eks_node_group)) g.instance_types = ["m7i.large"];
      return facts(infrastructureFacts(copy));
    };
    expect(compare([facts(infrastructureFacts(prefixed))], [bigger(prefixed)])[0].detail).toBe(
      `node group general: instance types m6i.large → m7i.large replaces it: ${CREATE_BEFORE_DESTROY}`,
    );
    expect(compare([facts(infrastructureFacts(named))], [bigger(named)])[0].detail).toBe(
      `node group general: instance types m6i.large → m7i.large replaces it: ${DESTROY_THEN_CREATE}`,
    );
    // WHEN the cluster version moves THEN the prefixed group rolls with its percentage
    const on = (version: string) => {
      const copy = JSON.parse(JSON.stringify(prefixed));
      copy.resource.aws_eks_cluster.cluster_cluster.version = version;
      return facts(infrastructureFacts(copy));
    };
    expect(compare([on("1.35")], [on("1.36")])).toContainEqual({
      environment: "dev",
      kind: "node-group-rolled",
      detail: "node group general: version 1.35 → 1.36: rolling update, maxUnavailable 25% — nodes are replaced a few at a time",
    });
  });

  test("node group scaling changed → updated in place, no node replaced", () => {
    // GIVEN dev WHEN the head raises the node group's maxSize THEN one change: the group is updated in place, no node replaced
    expect(edit("scaled")).toEqual([
      {
        environment: "dev",
        kind: "node-group-updated",
        detail: "node group general: scaling, labels, taints or update settings changed in place (no node replaced)",
      },
    ]);
  });

  test("node group renamed with renamedFrom: reported, not blocking (the moved block makes it a create-before-destroy replacement)", () => {
    // GIVEN general in the base WHEN the head renames it to workers with renamedFrom: general THEN
    expect(edit("renamedGroupFrom")).toEqual([
      {
        environment: "dev",
        kind: "node-group-renamed",
        detail: `node group general renamed to workers (renamedFrom): the old group's addresses move to the new name, which replaces it ${CREATE_BEFORE_DESTROY}`,
      },
    ]);
  });

  test("node group renamed without renamedFrom → BLOCKING, with the fix", () => {
    // GIVEN general in the base WHEN the head has workers instead (same settings), without renamedFrom THEN
    expect(edit("renamedGroup")).toEqual([
      {
        environment: "dev",
        kind: "node-group-removed",
        blocking: true,
        detail:
          "node group general is deleted while workers is created, with nothing ordering the delete after the create (capacity can drop to zero meanwhile): if workers replaces it, add `renamedFrom: general` to workers to keep nodes serving during the rename",
      },
    ]);
    // AND a different group in its place is still a deletion with the same fix
    expect(edit("otherGroup")).toEqual([
      {
        environment: "dev",
        kind: "node-group-removed",
        blocking: true,
        detail: expect.stringContaining("node group general is deleted while batch is created"),
      },
      { environment: "dev", kind: "node-group-added", detail: "node group batch (c7g.large, SPOT)" },
    ]);
  });

  test("node group added; removed with nothing in its place → BLOCKING", () => {
    expect(edit("secondGroup")).toEqual([{ environment: "dev", kind: "node-group-added", detail: "node group batch (c7g.large, SPOT)" }]);
    expect(compare([v.secondGroup], [v.base])).toEqual([
      {
        environment: "dev",
        kind: "node-group-removed",
        blocking: true,
        detail:
          "removing node group batch takes its nodes away: they are drained and terminated, and pods must fit on the remaining groups",
      },
    ]);
  });

  test("authentication mode, bastion removed, protect turned off", () => {
    // GIVEN dev WHEN the head moves to API_AND_CONFIG_MAP THEN the authentication mode change
    // AND a bastion with an admin policy WHEN the head disables the bastion THEN bastion removed and its grant removed
    // AND dev WHEN the head turns protect off THEN one change saying prevent_destroy no longer guards the cluster and its KMS key
    expect(edit("apiAndConfigMap")).toEqual([{ environment: "dev", kind: "authentication-mode", detail: "API → API_AND_CONFIG_MAP" }]);
    expect(kinds(compare([v.bastionAdmin], [v.noBastion]))).toEqual(["bastion-removed", "grant-removed"]);
    expect(edit("unprotected")).toEqual([
      {
        environment: "dev",
        kind: "protect-off",
        detail: "cluster.protect turned off: prevent_destroy no longer stops a plan that destroys the cluster or its KMS key",
      },
    ]);
  });

  test("granting the bastion an access policy where it had none is flagged as bastion access", () => {
    // GIVEN a base where the bastion has no access entry WHEN the head grants it one
    const none = { ...v.bastionAdmin, access: v.bastionAdmin.access.filter((a) => !a.bastion) };
    // THEN
    expect(compare([none], [v.bastionAdmin])).toContainEqual({
      environment: "dev",
      kind: "bastion-access",
      detail:
        "role dev-bastion (created by this stack): AmazonEKSClusterAdminPolicy on cluster — anyone allowed to start a Session Manager session on the bastion gets it",
    });
  });

  test("granting the bastion an access policy is flagged as bastion access", () => {
    // GIVEN a bastion with AmazonEKSViewPolicy WHEN the head gives it AmazonEKSClusterAdminPolicy instead
    // THEN bastion access first (anyone who may start a Session Manager session gets it), then a new risk and the old grant removed
    const changes = compare([v.bastionView], [v.bastionAdmin]);
    expect(kinds(changes)).toEqual(["bastion-access", "new-risk", "grant-removed"]);
    expect(changes[0]).toEqual({
      environment: "dev",
      kind: "bastion-access",
      detail:
        "role dev-bastion (created by this stack): AmazonEKSViewPolicy → AmazonEKSClusterAdminPolicy on cluster — anyone allowed to start a Session Manager session on the bastion gets it",
    });
  });

  test("a new IAM statement with a wildcard shows under What changes (not only in the wildcard table)", () => {
    // GIVEN dev WHEN the head adds a pod role whose inline statement allows s3:GetObject on * THEN a wildcard-statement change naming it
    expect(edit("wildcardPolicy")).toContainEqual({
      environment: "dev",
      kind: "wildcard-statement",
      detail: "pod-roles_batch_worker_inline: s3:GetObject on *",
    });
  });

  test("public CIDRs widened", () => {
    // GIVEN a public endpoint open to one CIDR WHEN the head adds a second THEN one change naming the CIDR now admitted
    expect(compare([v.publicOne], [v.publicTwo])).toEqual([
      { environment: "dev", kind: "public-cidrs-widened", detail: "the public API endpoint now also admits 198.51.100.0/24" },
    ]);
  });

  test("unchanged things are not reported as changed: a pod role that gains a policy, a new private environment", () => {
    // GIVEN dev WHEN the head's pod role gains a managed policy THEN only that pod role change
    expect(edit("podRoleGains")).toEqual([
      {
        environment: "dev",
        kind: "pod-role-changed",
        detail: "app/s3-reader: dev-app-s3-reader (podIdentity) gains AmazonSQSReadOnlyAccess",
      },
    ]);
    // WHEN dev is new in the head THEN it is an added environment with a private endpoint, and no exposure finding
    const added = compare([], [v.base]);
    expect(kinds(added)).not.toContain("exposure");
    expect(added).toContainEqual({ environment: "dev", kind: "environment-added", detail: "new environment, endpoint private only" });
  });

  test("markdown: BLOCKING first, the header counts them, and --fail-on blocking exits 2", () => {
    // GIVEN the changes of a scaled node group and of a renamed protected cluster WHEN rendered as markdown
    // THEN the header counts one BLOCKING finding, and the first finding listed is the BLOCKING one
    const review = {
      dir: "head",
      base: "base",
      changes: [...edit("scaled"), ...edit("renamed")],
      environments: [],
      diagrams: {},
      blocking: 1,
    };
    const lines = renderMarkdown(review).split("\n");
    expect(lines[2]).toBe('**BLOCKING: 1 finding** — see "What changes".');
    expect(lines.filter((l) => l.startsWith("- **"))[0]).toMatch(
      /^- \*\*BLOCKING: protected resource replaced\*\* \(dev\): `aws_eks_cluster.cluster_cluster` is protected/,
    );
  });
});

describe("review --base end to end", () => {
  test("a static BLOCKING finding: exit 2 with --fail-on blocking, 0 without", () => {
    // GIVEN a base and a head whose VPC CIDR changed
    const base = synthDir();
    const head = synthDir({ network: { cidr: "10.1.0.0/16" } });
    // WHEN reviewed THEN
    expect(buildReview({ dir: head, base }).blocking).toBe(1);
    const r = privateEks(["review", "--dir", head, "--base", base, "--fail-on", "blocking"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("private-eks review: 1 blocking finding\n");
    expect(r.stdout).toContain("- **BLOCKING: VPC CIDR** (dev): VPC CIDR 10.0.0.0/16 → 10.1.0.0/16");
  });
});
