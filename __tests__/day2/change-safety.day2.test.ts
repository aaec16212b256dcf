import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Day2Base, PlannedChanges, motoQuery, pool, startMotoForDay2 } from "../support/day2";
import { TfJson, configFrom, devInput, synthEnvironment } from "../support/environment";
import { Moto } from "../support/moto";
import { describeWith, hasMoto, hasTerraform } from "../support/tools";
import { EDITS, Edit, baseInput, subnetsInUse, violations } from "./edits";

/**
 * The change-safety matrix (npm run test:day2): one apply of the base environment to moto per
 * base, then every edit planned on a copy of that state, two at a time. Results are compared with
 * change-safety.results.json, from which the README table "What each edit does" is generated
 * (DAY2_UPDATE=1 rewrites the file; then `node scripts/change-table.js` rewrites the table).
 */

const RESULTS = join(__dirname, "change-safety.results.json");
/** DAY2_ONLY=<regex> plans only the matching edits (while working on some rows); the results are then not compared. */
const ONLY = process.env.DAY2_ONLY ? new RegExp(process.env.DAY2_ONLY) : undefined;
const PLANNED = EDITS.filter((e) => !ONLY || ONLY.test(e.name));
/** The destroy/redeploy tests run in a full run, or when DAY2_ONLY matches "destroy" (e.g. DAY2_ONLY=^destroy$ runs only them). */
const DESTROY = !ONLY || ONLY.test("destroy");
const REGION = "eu-west-1";

function stackOf(input: Record<string, unknown>): TfJson {
  const config = configFrom(input, "config/dev.yaml");
  return synthEnvironment(config)[`${config.name}-cluster`];
}

function editedStack(edit: Edit): TfJson {
  const input = baseInput(devInput(), edit.base);
  edit.edit(input);
  return stackOf(input);
}

/** The first Terraform diagnostic of a failed command (summary and detail), or the message's start. */
function firstError(message: string): string {
  const lines = message.split("\n").map((l) => l.replace(/^[│╷╵]\s?/, "").trimEnd());
  const at = lines.findIndex((l) => l.startsWith("Error: "));
  if (at < 0) return lines.filter(Boolean).slice(0, 3).join(" ");
  const end = lines.findIndex((l, i) => i > at && (l === "" ? false : l.startsWith("Error: ")));
  return lines
    .slice(at, end > at ? end : at + 12)
    .filter(Boolean)
    .join(" ")
    .replace(/\s+/g, " ")
    .slice(0, 600);
}

interface Row {
  name: string;
  base: Edit["base"];
  disruptive?: string;
  changes: PlannedChanges;
  /** Changed attribute paths of updated and replaced resources. */
  attributes?: Record<string, string[]>;
  /** New address → the address a `moved` block carried it from. */
  moved?: Record<string, string>;
  violations: string[];
  error?: string;
}

describeWith("moto", hasTerraform() && hasMoto(), "change-safety matrix: every edit planned on an applied base", () => {
  const motos: Partial<Record<Edit["base"], Moto>> = {};
  const bases: Partial<Record<Edit["base"], Day2Base>> = {};
  const rows: Record<string, Row> = {};
  const started = Date.now();

  beforeAll(async () => {
    // GIVEN each base environment applied to its own moto (three zones; two zones for 2 → 3)
    const names = [...new Set<Edit["base"]>([...PLANNED.map((e) => e.base), ...(DESTROY ? ["two-zones" as const] : [])])];
    await Promise.all(
      names.map(async (name) => {
        motos[name] = await startMotoForDay2();
        bases[name] = new Day2Base(motos[name]!);
        await bases[name]!.apply(stackOf(baseInput(devInput(), name)));
        await bases[name]!.seed();
      }),
    );
    // WHEN every edit is planned on a copy of its base's state, two at a time
    await pool(
      2,
      PLANNED.map((edit) => async () => {
        const row: Row = { name: edit.name, base: edit.base, disruptive: edit.disruptive?.documented, changes: {}, violations: [] };
        try {
          const planned = await bases[edit.base]!.plan(editedStack(edit));
          row.changes = planned.changes;
          row.attributes = planned.details;
          if (Object.keys(planned.moved).length) row.moved = planned.moved;
          row.violations = violations(edit, row.changes, subnetsInUse(stackOf(baseInput(devInput(), edit.base))));
        } catch (e) {
          row.error = firstError((e as Error).message);
        }
        rows[edit.name] = row;
      }),
    );
    const observed = JSON.stringify({ rows: PLANNED.map((e) => rows[e.name]) }, null, 2) + "\n";
    writeFileSync(join(require("node:os").tmpdir(), "change-safety.results.json"), observed);
    if (process.env.DAY2_UPDATE === "1" && !ONLY) writeFileSync(RESULTS, observed);
    process.stdout.write(`change-safety matrix: ${PLANNED.length} edits planned in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }, 1_200_000);

  afterAll(() => {
    for (const base of Object.values(bases)) base?.tf.remove();
    for (const moto of Object.values(motos)) moto?.stop();
  });

  // Every edit keeps the promise, or is documented as disruptive (DAY2_ONLY=^destroy$ plans none).
  if (PLANNED.length)
    test.each(PLANNED.map((e) => [e.name, e] as const))("%s: nothing in use is destroyed before its replacement exists", (_name, edit) =>
      checkRow(edit),
    );

  function checkRow(edit: (typeof PLANNED)[number]) {
    const row = rows[edit.name];
    // THEN the edit planned, and the plan keeps the promise (or the edit is documented as disruptive)
    expect(row.error).toBeUndefined();
    expect(row.violations).toEqual([]);
  }

  (ONLY ? test.skip : test)("the committed results (the README table's source) equal this run's", () => {
    // THEN change-safety.results.json is what this run observed (DAY2_UPDATE=1 rewrites it)
    const committed = JSON.parse(readFileSync(RESULTS, "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify({ rows: EDITS.map((e) => rows[e.name]) })));
  });

  (DESTROY ? describe : describe.skip)("destroy works, too (protect: false)", () => {
    const stack = () => stackOf(baseInput(devInput(), "two-zones"));
    const leftovers = (moto: Moto) =>
      motoQuery(
        moto,
        REGION,
        `print(json.dumps({
  "logGroups": [g["logGroupName"] for g in client("logs").describe_log_groups()["logGroups"]],
  "kmsAliases": [a["AliasName"] for a in client("kms").list_aliases()["Aliases"] if not a["AliasName"].startswith("alias/aws/")],
  "launchTemplates": [t["LaunchTemplateName"] for t in client("ec2").describe_launch_templates()["LaunchTemplates"]],
  "clusters": client("eks").list_clusters()["clusters"],
  "roles": [r["RoleName"] for r in client("iam").list_roles()["Roles"] if not r["Path"].startswith("/aws-service-role/")],
  "vpcs": [v["VpcId"] for v in client("ec2").describe_vpcs()["Vpcs"] if not v.get("IsDefault")],
}))`,
      );

    test("destroy leaves nothing behind, and the same name deploys again", async () => {
      // GIVEN the two-zone base applied (and planned on above)
      const base = bases["two-zones"]!;
      // WHEN it is destroyed
      await base.destroy(stack());
      // THEN nothing of it is left in the account
      expect(await leftovers(motos["two-zones"]!)).toEqual({
        logGroups: [],
        kmsAliases: [],
        launchTemplates: [],
        clusters: [],
        roles: [],
        vpcs: [],
      });
      // AND applying the same environment again succeeds
      await expect(base.apply(stack())).resolves.toMatch(/Apply complete!/);
    }, 600_000);

    test("a control-plane log group EKS wrote again after the destroy is adopted: the next deploy succeeds, and a re-plan shows no changes", async () => {
      // GIVEN the environment destroyed, and the cluster's log group written again by EKS's late log delivery
      const base = bases["two-zones"]!;
      await base.destroy(stack());
      await motoQuery(motos["two-zones"]!, REGION, `client("logs").create_log_group(logGroupName="/aws/eks/dev/cluster"); print("{}")`);
      // WHEN the same environment is applied again
      const result = await base.apply(stack()).then(
        (log) => log,
        (e: Error) => e.message,
      );
      // THEN it succeeds, adopting the group (import, then its retention and key set in place)
      expect(result).toMatch(/Apply complete! Resources: 1 imported,/);
      expect(result).toMatch(/aws_cloudwatch_log_group\.cluster_log-group: Import complete/);
      // AND a plan of the applied environment shows no changes (the import block is a no-op once the group is in state)
      const replan = await base.tf.result("plan", "-input=false", "-lock=false", "-detailed-exitcode");
      expect({ code: replan.code, stderr: replan.stderr }).toEqual({ code: 0, stderr: "" });
    }, 600_000);
  });
});
