import { Problem } from "../../core/problems";
import { groupProblem } from "./access-entry-rules";
import { exampleArn, parsePrincipalArn, principalKindProblem } from "./principal-arn";

/** One `mapRoles` / `mapUsers` item of the aws-auth ConfigMap, with aws-auth's own key names. */
export interface AwsAuthMapping {
  readonly rolearn?: string;
  readonly userarn?: string;
  readonly username?: string;
  readonly groups?: readonly string[];
}

/** The node mapping every managed node role needs while aws-auth is in use. */
export const NODE_USERNAME = "system:node:{{EC2PrivateDNSName}}";
export const NODE_GROUPS = ["system:bootstrappers", "system:nodes"] as const;

/**
 * Problems with one legacy mapping kept during a migration (paths relative to the mapping).
 * aws-auth matches role ARNs without their IAM path, so a path here would silently never match.
 */
export function awsAuthMappingProblems(m: AwsAuthMapping, kind: "role" | "user"): Problem[] {
  const key = kind === "role" ? "rolearn" : "userarn";
  const arn = kind === "role" ? m.rolearn : m.userarn;
  if (arn === undefined) return [{ path: [key], message: `is required; add the IAM ${kind} ARN (example: ${exampleArn(kind)})` }];
  const notKind = principalKindProblem(arn, kind);
  if (notKind) return [{ path: [key], message: notKind }];
  const principal = parsePrincipalArn(arn)!;
  const problems: Problem[] = [];
  if (kind === "role" && principal.path !== "/") {
    problems.push({
      path: [key],
      message: `aws-auth matches role ARNs without their path; write arn:${principal.partition}:iam::${principal.account}:role/${principal.name} (access entries, unlike aws-auth, take the full ARN)`,
    });
  }
  m.groups?.forEach((g, i) => {
    // system: groups are legal in aws-auth (that is how nodes and admins were mapped); only empty ones are not.
    if (!g.startsWith("system:")) {
      const problem = groupProblem(g);
      if (problem) problems.push({ path: ["groups", i], message: problem });
    }
  });
  return problems;
}
