import { Problem } from "../../core/problems";

/** An IAM role or user ARN, taken apart. */
export interface IamPrincipal {
  readonly partition: string;
  readonly account: string;
  readonly kind: "role" | "user";
  /** `/` or `/team/` — IAM paths begin and end with a slash. */
  readonly path: string;
  readonly name: string;
}

const IAM_PRINCIPAL = /^arn:(aws[a-z-]*):iam::(\d{12}):(role|user)(\/(?:[\x21-\x7e]+\/)?)?([\w+=,.@-]{1,128})$/;
const ASSUMED_ROLE = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[^/]+$/;

export function parsePrincipalArn(arn: string): IamPrincipal | undefined {
  const m = IAM_PRINCIPAL.exec(arn);
  if (!m) return undefined;
  return { partition: m[1], account: m[2], kind: m[3] as "role" | "user", path: m[4] ?? "/", name: m[5] };
}

/** The principal's full ARN for an IAM role or user. */
export function principalArn(p: IamPrincipal): string {
  return `arn:${p.partition}:iam::${p.account}:${p.kind}${p.path}${p.name}`;
}

/**
 * Why `arn` cannot be an access entry principal (relative path []), or nothing. EKS takes exactly
 * one IAM role or user ARN; session ARNs and service-linked roles are rejected by the API.
 */
export function principalArnProblems(arn: string): Problem[] {
  const assumed = ASSUMED_ROLE.exec(arn);
  if (assumed) {
    const [, partition, account, role] = assumed;
    return [
      {
        path: [],
        message: `${arn} is an STS session, not an IAM principal; use the role's ARN arn:${partition}:iam::${account}:role/${role} (with its path, if it has one)`,
      },
    ];
  }
  const p = parsePrincipalArn(arn);
  if (!p) return [{ path: [], message: notAPrincipal(arn, "role or user") }];
  if (p.kind === "role" && p.path.startsWith("/aws-service-role/")) {
    return [
      {
        path: [],
        message: `${arn} is a service-linked role; EKS refuses access entries for them, and AWS manages their access itself — remove this entry`,
      },
    ];
  }
  return [];
}

/** Why `arn` is not an IAM ARN of `kind` (see `notAPrincipal`), or nothing: the one check of "an IAM role ARN" (or user ARN). */
export function principalKindProblem(arn: string, kind: "role" | "user"): string | undefined {
  return parsePrincipalArn(arn)?.kind === kind ? undefined : notAPrincipal(arn, kind);
}

/** An example ARN of `kind`, for messages. */
export function exampleArn(kind: "role" | "user" | "role or user"): string {
  return `arn:aws:iam::111122223333:${kind === "user" ? "user/alice" : "role/eks-admins"}`;
}

/** Why `arn` is not an IAM ARN of `kind`, naming a short account id when that is the mistake. */
export function notAPrincipal(arn: string, kind: "role" | "user" | "role or user"): string {
  const example = exampleArn(kind);
  const account = /^arn:[^:]*:iam::([^:]*):/.exec(arn)?.[1];
  if (account !== undefined && !/^\d{12}$/.test(account)) {
    return `${JSON.stringify(arn)} is not an IAM ${kind} ARN: the account id ${JSON.stringify(account)} has ${account.length} characters, AWS account ids have 12 digits (example: ${example})`;
  }
  return `${JSON.stringify(arn)} is not an IAM ${kind} ARN (example: ${example})`;
}

/**
 * A stable, readable construct id for a principal: the role name, or `user-<name>` for users.
 * Role and user names are unique within an account whatever their path, so this only collides for
 * principals of the same name in two accounts, which validation reports.
 */
export function principalKey(p: IamPrincipal): string {
  return p.kind === "role" ? p.name : `user-${p.name}`;
}
