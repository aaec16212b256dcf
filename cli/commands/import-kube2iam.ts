import { stringify } from "yaml";
import { importKube2iam } from "../../lib/importers/kube2iam";
import { Io, UsageError, parseArgs } from "../io";

export const usage =
  "private-eks import-kube2iam <manifest files...|-> [--base-role-arn <arn>] [--namespace <ns>] [--cluster-arn <arn>] [--json]   kube2iam annotations → podRoles YAML";

/** Pod templates annotated `iam.amazonaws.com/role` in, Pod Identity `podRoles` out. */
export function importKube2iamCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { values: ["base-role-arn", "namespace", "cluster-arn"], flags: ["json"] });
  if (args.positional.length === 0) throw new UsageError("name manifest files, or - for standard input (kubectl get deploy,sts,ds,cronjob -A -o yaml | private-eks import-kube2iam -)");
  const files = args.positional.map((name) => {
    try {
      return { name: name === "-" ? "<stdin>" : name, text: io.read(name) };
    } catch (e) {
      throw new UsageError(`${name}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the path`);
    }
  });
  const baseRoleArn = args.values["base-role-arn"]?.[0];
  if (baseRoleArn && !/^arn:aws[a-z-]*:iam::\d{12}:role\/([\x21-\x7e]*\/)?$/.test(baseRoleArn.endsWith("/") ? baseRoleArn : `${baseRoleArn}/`)) {
    throw new UsageError(`--base-role-arn ${JSON.stringify(baseRoleArn)}: use kube2iam's form, e.g. arn:aws:iam::111122223333:role/`);
  }
  const { sharedWithUnannotated, ...result } = importKube2iam(files, { baseRoleArn, namespace: args.values.namespace?.[0], clusterArn: args.values["cluster-arn"]?.[0] });
  if (args.flags.has("json")) io.out(JSON.stringify(result, null, 2) + "\n");
  else io.out(`# From kube2iam annotations by private-eks import-kube2iam: paste into your environment file.\n${stringify({ podRoles: result.podRoles })}`);

  const lines = [`${result.podRoles.length} pod role${result.podRoles.length === 1 ? "" : "s"} imported (Pod Identity, existing roles).`];
  for (const c of result.conflicts) {
    lines.push(`Not mapped: ${c.namespace}/${c.serviceAccountName} is used with ${c.roles.length} roles (${c.roles.join(", ")}) by ${c.workloads.join(", ")}; Pod Identity maps one role per service account — give each workload its own service account.`);
  }
  for (const s of sharedWithUnannotated) lines.push(`Check: ${s}.`);
  if (Object.keys(result.trustStatements).length) {
    lines.push("Add to each role's trust policy (so Pod Identity can assume it):");
    for (const [arn, statement] of Object.entries(result.trustStatements)) lines.push(`  ${arn}:\n    ${JSON.stringify(statement)}`);
    if (!args.values["cluster-arn"]) lines.push("  (pass --cluster-arn to narrow them to one cluster with aws:RequestTag/eks-cluster-arn)");
  }
  lines.push(
    "Then: deploy, restart the workloads, check that they use their role (aws sts get-caller-identity in a pod), remove the iam.amazonaws.com/role annotations and kube2iam, and remove the node role's sts:AssumeRole permission and every role's trust in the node role that kube2iam needed.",
  );
  io.err(lines.join("\n") + "\n");
  return 0;
}
