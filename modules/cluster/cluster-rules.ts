import { cidrProblem } from "../../core/cidr";
import { Problem } from "../../core/problems";
import { CALENDAR_READ_ON, EKS_VERSION_CALENDAR, eksVersionDates } from "./kubernetes-versions";

/** Who can reach the Kubernetes API endpoint. */
export type EndpointAccess = "private" | "public-and-private" | "public";
export const ENDPOINT_ACCESS: readonly EndpointAccess[] = ["private", "public-and-private", "public"];

/** How EKS authenticates IAM principals. `CONFIG_MAP` is refused: access entries need the EKS API. */
export type AuthenticationMode = "API" | "API_AND_CONFIG_MAP";
export const AUTHENTICATION_MODES: readonly AuthenticationMode[] = ["API", "API_AND_CONFIG_MAP"];

/** Why `mode` cannot be the cluster's authentication mode (relative path []), or nothing. */
export function authenticationModeProblems(mode: string): Problem[] {
  if (mode === "CONFIG_MAP") {
    return [
      {
        path: [],
        message: `CONFIG_MAP is not supported: access entries need the EKS API; use API (or API_AND_CONFIG_MAP while migrating from aws-auth). Modes only move CONFIG_MAP → API_AND_CONFIG_MAP → API`,
      },
    ];
  }
  if (!(AUTHENTICATION_MODES as readonly string[]).includes(mode)) {
    return [{ path: [], message: `${JSON.stringify(mode)} is not an authentication mode; use API or API_AND_CONFIG_MAP (case-sensitive)` }];
  }
  return [];
}

export type ControlPlaneLogType = "api" | "audit" | "authenticator" | "controllerManager" | "scheduler";
export const CONTROL_PLANE_LOG_TYPES: readonly ControlPlaneLogType[] = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/**
 * The newest Kubernetes version in EKS standard support on the day the calendar was read
 * (kubernetes-versions.ts, CALENDAR_READ_ON); a test keeps the two equal.
 */
export const DEFAULT_KUBERNETES_VERSION = "1.36";

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;
const VERSION = /^1\.(\d{2})$/;
/** Access entries exist from Kubernetes 1.23 (with the matching EKS platform version). */
const OLDEST_MINOR = 23;

export function clusterNameProblems(name: string): Problem[] {
  if (name.length < 1 || name.length > 100 || !CLUSTER_NAME.test(name)) {
    return [
      {
        path: [],
        message: `${JSON.stringify(name)} is not a valid EKS cluster name; use 1-100 letters, digits, "-" or "_", starting with a letter or digit (example: dev-private)`,
      },
    ];
  }
  return [];
}

export function kubernetesVersionProblems(version: string): Problem[] {
  const m = VERSION.exec(version);
  if (!m) {
    return [
      {
        path: [],
        message: `${JSON.stringify(version)} is not a Kubernetes version; write "major.minor" in quotes (example: "${DEFAULT_KUBERNETES_VERSION}")`,
      },
    ];
  }
  if (Number(m[1]) < OLDEST_MINOR) {
    return [
      {
        path: [],
        message: `${version} predates EKS access entries; use 1.${OLDEST_MINOR} or later (example: "${DEFAULT_KUBERNETES_VERSION}")`,
      },
    ];
  }
  if (!eksVersionDates(version)) {
    const newest = EKS_VERSION_CALENDAR[EKS_VERSION_CALENDAR.length - 1].version;
    return [
      {
        path: [],
        message: `${version} is not a Kubernetes version EKS has released (the newest, as of ${CALENDAR_READ_ON}, is ${newest}); use 1.${OLDEST_MINOR} to ${newest} (example: "${DEFAULT_KUBERNETES_VERSION}"), or update cdktf-private-eks if EKS has released ${version} since`,
      },
    ];
  }
  return [];
}

export interface EndpointSettings {
  readonly endpoint: EndpointAccess;
  readonly publicAccessCidrs?: readonly string[];
  readonly allowPublicInternet?: boolean;
}

/**
 * A public endpoint must name the networks that may reach it; the whole internet (0.0.0.0/0)
 * only with the explicit `allowPublicInternet` opt-in. Paths are relative to `cluster`; `optIn`
 * names the opt-in as the caller wrote it (a construct's prop, or the YAML's `cluster.allowPublicInternet`).
 */
export function endpointProblems(s: EndpointSettings, optIn = "allowPublicInternet"): Problem[] {
  const cidrs = s.publicAccessCidrs ?? [];
  if (s.endpoint === "private") {
    return cidrs.length > 0
      ? [{ path: ["publicAccessCidrs"], message: `has no effect with endpoint: private; remove it, or set endpoint: public-and-private` }]
      : [];
  }
  if (cidrs.length === 0) {
    return [
      {
        path: ["publicAccessCidrs"],
        message: `is required with endpoint: ${s.endpoint}; list the networks that may reach the public endpoint (example: [203.0.113.0/24]), or use endpoint: private`,
      },
    ];
  }
  const problems: Problem[] = [];
  cidrs.forEach((c, i) => {
    const problem = cidrProblem(c);
    if (problem) problems.push({ path: ["publicAccessCidrs", i], message: problem });
    else if (c === "0.0.0.0/0" && !s.allowPublicInternet) {
      problems.push({
        path: ["publicAccessCidrs", i],
        message: `0.0.0.0/0 opens the Kubernetes API to the whole internet; list your own networks instead, or set ${optIn}: true to accept that`,
      });
    }
  });
  return problems;
}
