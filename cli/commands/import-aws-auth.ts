import { stringify } from "yaml";
import { AwsAuthImport, importAwsAuth } from "../../lib/importers/aws-auth";
import { Io, UsageError, parseArgs } from "../io";

export const usage =
  "private-eks import-aws-auth <file|-> [--json] [--role-path <role-name>=<path>]...   aws-auth ConfigMap → accessEntries YAML";

/** `kubectl get configmap aws-auth -n kube-system -o yaml` in, `accessEntries` out. */
export function importAwsAuthCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { values: ["role-path"], flags: ["json"], repeatable: ["role-path"] });
  if (args.positional.length !== 1) throw new UsageError("name one file, or - for standard input (kubectl get configmap aws-auth -n kube-system -o yaml | private-eks import-aws-auth -)");
  const rolePaths = new Map((args.values["role-path"] ?? []).map(parseRolePath));
  const file = args.positional[0];
  let text: string;
  try {
    text = io.read(file);
  } catch (e) {
    throw new UsageError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the path`);
  }
  const result = importAwsAuth(text, file === "-" ? "<stdin>" : file, { rolePaths });
  if (args.flags.has("json")) io.out(JSON.stringify(result, null, 2) + "\n");
  else io.out(`# From ${file === "-" ? "standard input" : file} by private-eks import-aws-auth: paste into your environment file.\n${stringify({ accessEntries: result.accessEntries })}`);
  io.err(report(result, rolePaths.size > 0));
  return 0;
}

function parseRolePath(value: string): [string, string] {
  const m = /^([\w+=,.@-]+)=(.+)$/.exec(value);
  if (!m) throw new UsageError(`--role-path ${JSON.stringify(value)}: write <role-name>=<path>, e.g. --role-path eks-admins=/team/`);
  const path = `/${m[2].replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  if (!/^\/([\x21-\x7e]+\/)?$/.test(path)) throw new UsageError(`--role-path ${JSON.stringify(value)}: ${JSON.stringify(m[2])} is not an IAM path (example: /team/)`);
  return [m[1], path];
}

/** The human report, for standard error. */
function report(result: AwsAuthImport, pathsGiven: boolean): string {
  const lines = [`${result.accessEntries.length} access entr${result.accessEntries.length === 1 ? "y" : "ies"} imported.`];
  const section = (title: string, items: AwsAuthImport["skipped"]) => {
    if (!items.length) return;
    lines.push(title);
    for (const s of items) lines.push(`  - ${s.arn}: ${s.reason}`);
  };
  section("Not migrated, and blocking authenticationMode: API (these principals would lose access):", result.skipped.filter((s) => s.blocksApiMode));
  section("Not migrated, not blocking:", result.skipped.filter((s) => !s.blocksApiMode));
  if (result.accessEntries.some((e) => e.type !== "STANDARD")) {
    lines.push("EC2_LINUX/EC2_WINDOWS entries are node roles: keep them only for self-managed nodes; EKS creates the entries of managed node group roles, and a duplicate fails.");
  }
  if (!pathsGiven) lines.push("aws-auth role ARNs carry no IAM path: check each role, and restore paths with --role-path <role-name>=<path> (e.g. --role-path eks-admins=/team/).");
  lines.push(
    result.canSwitchToApi
      ? "Nothing blocks authenticationMode: API once these entries are deployed and verified."
      : "Do not switch to authenticationMode: API yet: fix the blocking mappings above first.",
  );
  return lines.join("\n") + "\n";
}
