import { stringify } from "yaml";
import { importKube2iam } from "../../app/importers/kube2iam";
import { InputFileError, ONE_MIB } from "../../core/input-file";
import { ValidationError } from "../../core/problems";
import { Io, UsageError, parseArgs } from "../io";

/** A cluster dump with a few thousand pods; parsing YAML takes tens of times its size in memory. */
const MAX_DUMP_BYTES = 32 * ONE_MIB;
const SPLIT_DUMP =
  "split it by namespace (kubectl get deploy,sts,ds,rs,job,cronjob,pod -n <namespace> -o yaml > <namespace>.yaml) and name each file";

export const usage =
  "private-eks import-kube2iam <manifest files...|-> [--base-role-arn <arn>] [--namespace <ns>]... [--default-namespace <ns>] [--allow-default-service-account] [--cluster-arn <arn>] [--json]   kube2iam annotations → podRoles YAML; exit 0 all mapped, 1 unreadable input, 2 imported with conflicts";

const help = `usage: ${usage.split("   ")[0]}

Reads workloads (kubectl get deploy,sts,ds,rs,job,cronjob,pod -A -o yaml, or - for standard
input; several files, YAML documents and Lists) and prints Pod Identity podRoles for the pod
templates annotated iam.amazonaws.com/role, reusing the existing roles; standard error lists the
conflicts and the trust statement each role needs.

  --base-role-arn <arn>           kube2iam's --base-role-arn, to resolve annotations that are role names
  --namespace <ns>                import only workloads in this namespace (repeatable)
  --default-namespace <ns>        namespace of manifests without metadata.namespace (default: default)
  --allow-default-service-account map a role onto a namespace's default service account
  --cluster-arn <arn>             narrow the trust statements to one cluster
  --json                          print {podRoles, conflicts, trustStatements} instead of YAML

Objects whose controller is also in the input (a Deployment's ReplicaSets and their Pods, a
CronJob's Jobs) are skipped: their controller's template is what future pods get.

Exit status:
  0  every annotated service account mapped
  1  the input could not be read: broken YAML, no workloads, a role name without --base-role-arn,
     or a file that is not UTF-8 of at most 32 MiB (a pipe, a device, a symbolic link loop)
  2  imported with conflicts (a service account with two roles, or a namespace's default one):
     standard output still holds the mapped podRoles, standard error lists each conflict and the fix
`;

/** Pod templates annotated `iam.amazonaws.com/role` in, Pod Identity `podRoles` out. */
export function importKube2iamCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, {
    values: ["base-role-arn", "namespace", "default-namespace", "cluster-arn"],
    flags: ["json", "allow-default-service-account", "help"],
    repeatable: ["namespace"],
  });
  if (args.flags.has("help") || args.positional.includes("-h")) {
    io.out(help);
    return 0;
  }
  if (args.positional.length === 0)
    throw new UsageError(
      "name manifest files, or - for standard input (kubectl get deploy,sts,ds,rs,job,cronjob,pod -A -o yaml | private-eks import-kube2iam -)",
    );
  const unreadable: string[] = [];
  const files = args.positional.flatMap((name) => {
    try {
      return [
        {
          name: name === "-" ? "<stdin>" : name,
          text: io.read(name, { maxBytes: MAX_DUMP_BYTES, what: "each input", tooLargeFix: SPLIT_DUMP }),
        },
      ];
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      unreadable.push(e.message);
      return [];
    }
  });
  if (unreadable.length) throw new ValidationError(unreadable.join("\n"));
  const baseRoleArn = args.values["base-role-arn"]?.[0];
  if (
    baseRoleArn &&
    !/^arn:aws[a-z-]*:iam::\d{12}:role\/([\x21-\x7e]*\/)?$/.test(baseRoleArn.endsWith("/") ? baseRoleArn : `${baseRoleArn}/`)
  ) {
    throw new UsageError(`--base-role-arn ${JSON.stringify(baseRoleArn)}: use kube2iam's form, e.g. arn:aws:iam::111122223333:role/`);
  }
  const { sharedWithUnannotated, ownerNotInInput, ...result } = importKube2iam(files, {
    baseRoleArn,
    namespaces: args.values.namespace,
    defaultNamespace: args.values["default-namespace"]?.[0],
    allowDefaultServiceAccount: args.flags.has("allow-default-service-account"),
    clusterArn: args.values["cluster-arn"]?.[0],
  });
  if (args.flags.has("json")) io.out(JSON.stringify(result, null, 2) + "\n");
  else
    io.out(
      `# From kube2iam annotations by private-eks import-kube2iam: paste into your environment file.\n${stringify({ podRoles: result.podRoles })}`,
    );

  const lines = [`${result.podRoles.length} pod role${result.podRoles.length === 1 ? "" : "s"} imported (Pod Identity, existing roles).`];
  if (!result.podRoles.length && !result.conflicts.length)
    lines.push(`No pod template in the input is annotated iam.amazonaws.com/role: there is nothing to migrate.`);
  for (const c of result.conflicts) lines.push(`Not mapped: ${c.namespace}/${c.serviceAccountName} is ${c.reason}.`);
  for (const s of [...ownerNotInInput, ...sharedWithUnannotated]) lines.push(`Check: ${s}.`);
  if (Object.keys(result.trustStatements).length) {
    lines.push("Add to each role's trust policy (so Pod Identity can assume it):");
    for (const [arn, statement] of Object.entries(result.trustStatements)) lines.push(`  ${arn}:\n    ${JSON.stringify(statement)}`);
    if (!args.values["cluster-arn"]) lines.push("  (pass --cluster-arn to narrow them to one cluster with aws:RequestTag/eks-cluster-arn)");
  }
  lines.push(
    "Then: deploy, restart the workloads, check that they use their role (aws sts get-caller-identity in a pod), remove the iam.amazonaws.com/role annotations and kube2iam, and remove the node role's sts:AssumeRole permission and every role's trust in the node role that kube2iam needed.",
  );
  io.err(lines.join("\n") + "\n");
  return result.conflicts.length ? 2 : 0;
}
