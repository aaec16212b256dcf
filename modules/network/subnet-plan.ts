import { bitsFor, cidrProblem, formatCidr, parseCidr, subnet } from "../../core/cidr";
import { Problem, throwIfAny } from "../../core/problems";

/** Literal subnet ranges for a VPC, one private and one public subnet per availability zone. */
export interface SubnetPlan {
  readonly private: string[];
  readonly public: string[];
}

/**
 * How the VPC is carved into subnets.
 * - `v2` (stable): every zone's ranges depend only on the zone's index, so changing `azCount` adds
 *   or removes the last zone's subnets and never moves another.
 * - `v1` (the layout of earlier releases): ranges depend on `azCount`, so changing it replaces
 *   subnets. Kept for environments applied with it.
 */
export type SubnetLayout = "v1" | "v2";
export const SUBNET_LAYOUTS: readonly SubnetLayout[] = ["v1", "v2"];

/** AWS's smallest subnet (and VPC) is a /28; its largest VPC is a /16. */
const SMALLEST_PREFIX = 28;
const LARGEST_VPC_PREFIX = 16;
/** The most zones a layout has room for. */
export const MAX_ZONES = 6;
/** v2 cuts the VPC into 8 blocks: 0-5 private (one per zone), 6 reserved, 7 cut into 8 public ranges. */
const V2_BLOCK_BITS = 3;
const V2_PUBLIC_BLOCK = 7;
const V2_PUBLIC_BITS = 3;
/** The smallest VPC v2 fits in: its public ranges are 6 bits longer than the VPC's prefix. */
export const V2_SMALLEST_VPC_PREFIX = SMALLEST_PREFIX - V2_BLOCK_BITS - V2_PUBLIC_BITS;

/**
 * Subnet ranges for `azCount` zones.
 *
 * v2: private subnet i is `cidrsubnet(cidr, 3, i)`; block 6 is kept free; block 7 is cut into eight,
 * public subnet i being `cidrsubnet(cidrsubnet(cidr, 3, 7), 3, i)`. Example for 10.0.0.0/16: private
 * 10.0.0.0/19, 10.0.32.0/19, ... 10.0.160.0/19; public 10.0.224.0/22, 10.0.228.0/22, ... 10.0.244.0/22,
 * whatever `azCount` is (for 5 or 6 zones these are exactly v1's ranges).
 *
 * v1: the VPC is cut into 2^k equal slots (the fewest that leave one spare); private subnets take
 * slots 0..azCount-1 and the last slot is cut into the public subnets. Example for 10.0.0.0/16 and 3
 * zones: private 10.0.0.0/18, 10.0.64.0/18, 10.0.128.0/18; public 10.0.192.0/20, 10.0.208.0/20,
 * 10.0.224.0/20.
 *
 * Either layout is the same with or without egress, so changing `egress` never renumbers a subnet.
 */
export function planSubnets(vpcCidr: string, azCount: number, layout: SubnetLayout = "v2"): SubnetPlan {
  // Network checks these first; a direct caller learns of a bad argument by its name.
  const cidrIssue = cidrProblem(vpcCidr);
  const azCountIssue = azCountProblem(azCount);
  const problems = [
    ...(cidrIssue ? [{ path: ["cidr"], message: cidrIssue }] : subnetPlanProblems(vpcCidr, azCount, layout)),
    ...(azCountIssue ? [{ path: ["azCount"], message: azCountIssue }] : []),
  ];
  throwIfAny(
    "planSubnets",
    problems.map((p) => ({ ...p, path: p.path[0] === "cidr" ? ["vpcCidr", ...p.path.slice(1)] : p.path })),
  );
  const vpc = parseCidr(vpcCidr)!; // a CIDR without problems parses
  const zones = [...Array(azCount).keys()];
  if (layout === "v2") {
    const publicBlock = subnet(vpc, V2_BLOCK_BITS, V2_PUBLIC_BLOCK);
    return {
      private: zones.map((i) => formatCidr(subnet(vpc, V2_BLOCK_BITS, i))),
      public: zones.map((i) => formatCidr(subnet(publicBlock, V2_PUBLIC_BITS, i))),
    };
  }
  const slotBits = bitsFor(azCount + 1);
  const publicSlot = subnet(vpc, slotBits, 2 ** slotBits - 1);
  return {
    private: zones.map((i) => formatCidr(subnet(vpc, slotBits, i))),
    public: zones.map((i) => formatCidr(subnet(publicSlot, bitsFor(azCount), i))),
  };
}

/**
 * Ranges that v1 gives this VPC's subnets for any zone count and that v2 does not: a subnet of this
 * environment found at one of them was laid out by v1 (see `Network`'s layout guard).
 */
export function v1OnlyRanges(vpcCidr: string): string[] {
  const v2 = planSubnets(vpcCidr, MAX_ZONES, "v2");
  const v2Ranges = new Set([...v2.private, ...v2.public]);
  const out = new Set<string>();
  for (let count = 2; count <= MAX_ZONES; count++) {
    if (subnetPlanProblems(vpcCidr, count, "v1").length > 0) continue;
    const v1 = planSubnets(vpcCidr, count, "v1");
    for (const range of [...v1.private, ...v1.public]) if (!v2Ranges.has(range)) out.add(range);
  }
  return [...out].sort();
}

/** Why `azCount` cannot be the number of zones, or nothing. */
export function azCountProblem(azCount: number): string | undefined {
  return Number.isInteger(azCount) && azCount >= 2 && azCount <= MAX_ZONES
    ? undefined
    : `${azCount} is out of range; use 2 to ${MAX_ZONES}`;
}

/** Problems with using `vpcCidr` for `azCount` zones in `layout` (paths are relative to `network`). */
export function subnetPlanProblems(vpcCidr: string, azCount: number, layout: SubnetLayout = "v2"): Problem[] {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) return []; // reported by the CIDR check itself
  if (vpc.prefix < LARGEST_VPC_PREFIX || vpc.prefix > SMALLEST_PREFIX) {
    return [
      { path: ["cidr"], message: `${vpcCidr} is outside what AWS allows for a VPC; use a prefix from /16 to /28 (example: 10.0.0.0/16)` },
    ];
  }
  if (layout === "v2") {
    if (vpc.prefix <= V2_SMALLEST_VPC_PREFIX) return [];
    return [
      {
        path: ["cidr"],
        message:
          `${vpcCidr} is too small for the stable subnet layout (subnetLayout v2), which keeps room for ${MAX_ZONES} zones ` +
          `(private /${vpc.prefix + V2_BLOCK_BITS}, public /${vpc.prefix + V2_BLOCK_BITS + V2_PUBLIC_BITS}, each at least /${SMALLEST_PREFIX}); ` +
          `use a /${V2_SMALLEST_VPC_PREFIX} or larger (example: 10.0.0.0/16)`,
      },
    ];
  }
  const largestPrefix = SMALLEST_PREFIX - bitsFor(azCount + 1) - bitsFor(azCount);
  if (vpc.prefix > largestPrefix) {
    return [
      {
        path: ["cidr"],
        message: `${vpcCidr} is too small for ${azCount} private + ${azCount} public subnets (each at least /${SMALLEST_PREFIX}); use a /${largestPrefix} or larger (example: 10.0.0.0/16), or lower azCount`,
      },
    ];
  }
  return [];
}
