import { bitsFor, formatCidr, parseCidr, subnet } from "../../lib/cidr";
import { Problem } from "../../lib/problems";

/** Literal subnet ranges for a VPC, one private and one public subnet per availability zone. */
export interface SubnetPlan {
  readonly private: string[];
  readonly public: string[];
}

/** AWS's smallest subnet (and VPC) is a /28; its largest VPC is a /16. */
const SMALLEST_PREFIX = 28;
const LARGEST_VPC_PREFIX = 16;

/**
 * Carves the VPC deterministically: it is cut into 2^k equal slots (the fewest that leave one spare);
 * private subnets take slots 0..azCount-1 and the last slot is cut into the public subnets. The
 * layout is the same with or without egress, so changing `egress` never renumbers a private subnet.
 *
 * Example: 10.0.0.0/16, 3 zones → private 10.0.0.0/18, 10.0.64.0/18, 10.0.128.0/18;
 * public 10.0.192.0/20, 10.0.208.0/20, 10.0.224.0/20.
 */
export function planSubnets(vpcCidr: string, azCount: number): SubnetPlan {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`planSubnets: ${JSON.stringify(vpcCidr)} is not a network CIDR`);
  const slotBits = bitsFor(azCount + 1);
  const publicSlot = subnet(vpc, slotBits, 2 ** slotBits - 1);
  const zones = [...Array(azCount).keys()];
  return {
    private: zones.map((i) => formatCidr(subnet(vpc, slotBits, i))),
    public: zones.map((i) => formatCidr(subnet(publicSlot, bitsFor(azCount), i))),
  };
}

/** Problems with using `vpcCidr` for `azCount` zones (path is relative to `network`). */
export function subnetPlanProblems(vpcCidr: string, azCount: number): Problem[] {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) return []; // reported by the CIDR check itself
  if (vpc.prefix < LARGEST_VPC_PREFIX || vpc.prefix > SMALLEST_PREFIX) {
    return [{ path: ["cidr"], message: `${vpcCidr} is outside what AWS allows for a VPC; use a prefix from /16 to /28 (example: 10.0.0.0/16)` }];
  }
  const largestPrefix = SMALLEST_PREFIX - bitsFor(azCount + 1) - bitsFor(azCount);
  if (vpc.prefix > largestPrefix) {
    return [{
      path: ["cidr"],
      message: `${vpcCidr} is too small for ${azCount} private + ${azCount} public subnets (each at least /${SMALLEST_PREFIX}); use a /${largestPrefix} or larger (example: 10.0.0.0/16), or lower azCount`,
    }];
  }
  return [];
}
