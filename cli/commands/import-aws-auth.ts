import { stringify } from "yaml";
import { AwsAuthImport, importAwsAuth } from "../../app/importers/aws-auth";
import { parsePrincipalArn } from "../../modules/access/principal-arn";
import { ONE_MIB } from "../../core/input-file";
import { Io, UsageError, parseArgs } from "../io";

const KUBECTL = "kubectl get configmap aws-auth -n kube-system -o yaml";

export const usage =
  "private-eks import-aws-auth <file|-> [--json] [--role-path <role-name>=<path>]...   aws-auth ConfigMap → accessEntries YAML; exit 0 all imported, 1 unreadable input, 2 imported with blocking items";

const help = `usage: ${usage.split("   ")[0]}

Reads the aws-auth ConfigMap (kubectl get configmap aws-auth -n kube-system -o yaml, or - for
standard input) and prints accessEntries YAML to paste into an environment file; standard error
says what was not migrated and whether anything blocks authenticationMode: API.

  --json                        print {accessEntries, skipped, canSwitchToApi} instead of YAML
  --role-path <role-name>=<path>  restore a role's IAM path, which aws-auth ARNs leave out
                                (repeatable; <role-name>=/ confirms a role has none)

The input is one aws-auth ConfigMap or its data. Several YAML documents or a List are accepted
when exactly one of their objects is the ConfigMap aws-auth: that one is read, and standard error
says which.

Exit status:
  0  every mapping imported, or skipped without blocking API mode (Fargate roles, duplicates)
  1  the input could not be read: not an aws-auth ConfigMap, broken YAML, a mapping without its ARN,
     or not a UTF-8 file of at most 1 MiB (a pipe, a device, a symbolic link loop)
  2  imported with blocking items: standard output still holds the imported entries, standard
     error lists each skipped mapping with the reason and the fix
`;

/** `kubectl get configmap aws-auth -n kube-system -o yaml` in, `accessEntries` out. */
export function importAwsAuthCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { values: ["role-path"], flags: ["json", "help"], repeatable: ["role-path"] });
  if (args.flags.has("help") || args.positional.includes("-h")) {
    io.out(help);
    return 0;
  }
  if (args.positional.length !== 1)
    throw new UsageError(
      "name one file, or - for standard input (kubectl get configmap aws-auth -n kube-system -o yaml | private-eks import-aws-auth -)",
    );
  const rolePaths = new Map((args.values["role-path"] ?? []).map(parseRolePath));
  const file = args.positional[0];
  // Kubernetes stores at most 1 MiB in a ConfigMap: more is not aws-auth.
  const text = io.read(file, { maxBytes: ONE_MIB, what: "an aws-auth ConfigMap", tooLargeFix: `pass ${KUBECTL}` });
  const { note, ...result } = importAwsAuth(text, file === "-" ? "<stdin>" : file, { rolePaths });
  if (args.flags.has("json")) io.out(JSON.stringify(result, null, 2) + "\n");
  else
    io.out(
      `# From ${file === "-" ? "standard input" : file} by private-eks import-aws-auth: paste into your environment file.\n${stringify({ accessEntries: result.accessEntries })}`,
    );
  io.err((note ? `${note}\n` : "") + report(result, rolePaths));
  return result.canSwitchToApi ? 0 : 2;
}

function parseRolePath(value: string): [string, string] {
  const m = /^([\w+=,.@-]+)=(.+)$/.exec(value);
  if (!m) throw new UsageError(`--role-path ${JSON.stringify(value)}: write <role-name>=<path>, e.g. --role-path eks-admins=/team/`);
  const path = `/${m[2].replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  if (!/^\/([\x21-\x7e]+\/)?$/.test(path))
    throw new UsageError(`--role-path ${JSON.stringify(value)}: ${JSON.stringify(m[2])} is not an IAM path (example: /team/)`);
  return [m[1], path];
}

/** The human report, for standard error. */
function report(result: AwsAuthImport, rolePaths: ReadonlyMap<string, string>): string {
  const lines = [`${result.accessEntries.length} access entr${result.accessEntries.length === 1 ? "y" : "ies"} imported.`];
  if (!result.accessEntries.length && !result.skipped.length)
    lines.push("This aws-auth ConfigMap holds no mappings: there is nothing to migrate.");
  const section = (title: string, items: AwsAuthImport["skipped"]) => {
    if (!items.length) return;
    lines.push(title);
    for (const s of items) lines.push(`  - ${s.arn}: ${s.reason}`);
  };
  section(
    "Not migrated, and blocking authenticationMode: API (these principals would lose access):",
    result.skipped.filter((s) => s.blocksApiMode),
  );
  section(
    "Not migrated, not blocking:",
    result.skipped.filter((s) => !s.blocksApiMode),
  );
  if (result.accessEntries.some((e) => e.type === "EC2_LINUX" || e.type === "EC2_WINDOWS")) {
    lines.push(
      "EC2_LINUX/EC2_WINDOWS entries are node roles: keep them only for self-managed nodes; EKS creates the entries of managed node group roles, and a duplicate fails.",
    );
  }
  if (result.accessEntries.some((e) => e.type === "HYBRID_LINUX")) {
    lines.push(
      `HYBRID_LINUX entries are hybrid nodes' roles (username system:node:{{SessionName}} without system:node-proxier, which Fargate's mapping has): EKS creates no entry for them, keep these.`,
    );
  }
  lines.push(...pathHints(result, rolePaths));
  lines.push(
    result.canSwitchToApi
      ? "Nothing blocks authenticationMode: API once these entries are deployed and verified."
      : "Do not switch to authenticationMode: API yet: fix the blocking mappings above first.",
  );
  return lines.join("\n") + "\n";
}

/**
 * aws-auth matches roles without their IAM path, so its role ARNs usually lack one; access entries
 * need the full ARN. One hint for the imported roles still without a path and not confirmed with
 * --role-path, and a precise one for IAM Identity Center roles, whose path is known.
 */
function pathHints(result: AwsAuthImport, rolePaths: ReadonlyMap<string, string>): string[] {
  const unpathed = result.accessEntries
    .map((e) => parsePrincipalArn(e.principalARN))
    .filter((p) => p?.kind === "role" && p.path === "/" && !rolePaths.has(p.name))
    .map((p) => p!.name);
  const sso = unpathed.filter((name) => name.startsWith("AWSReservedSSO_"));
  const others = unpathed.filter((name) => !name.startsWith("AWSReservedSSO_"));
  const hints: string[] = [];
  if (others.length) {
    hints.push(
      `aws-auth role ARNs carry no IAM path: check ${others.join(", ")} (aws iam get-role --role-name <name>), and restore a path with --role-path <role-name>=<path> (e.g. --role-path eks-admins=/team/; <role-name>=/ confirms it has none).`,
    );
  }
  for (const name of sso) {
    hints.push(
      `${name} is an IAM Identity Center role, under /aws-reserved/sso.amazonaws.com/<region>/ (without <region>/ when Identity Center is in us-east-1): pass --role-path ${name}=/aws-reserved/sso.amazonaws.com/<region>/.`,
    );
  }
  return hints;
}
