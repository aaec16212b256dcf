/** IPv4 CIDR arithmetic done at synth time, so plans show literal subnet ranges. */
export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined for anything else (including host bits set). */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const m = CIDR.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const ip = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const base = (ip & maskOf(prefix)) >>> 0;
  if (base !== ip) return undefined;
  return { base, prefix };
}

/** Why `text` is not a usable network CIDR, or undefined when it is. */
export function cidrProblem(text: string): string | undefined {
  const m = CIDR.exec(text);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) {
    return `${JSON.stringify(text)} is not an IPv4 CIDR (example: 10.0.0.0/16)`;
  }
  if (!parseCidr(text)) {
    const prefix = Number(m[5]);
    const ip = m.slice(1, 5).map(Number);
    const base = ((((ip[0] << 24) | (ip[1] << 16) | (ip[2] << 8) | ip[3]) >>> 0) & maskOf(prefix)) >>> 0;
    return `${JSON.stringify(text)} has host bits set; use ${formatCidr({ base, prefix })}`;
  }
  return undefined;
}

export function formatCidr(c: Ipv4Cidr): string {
  const b = c.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

/** The `index`-th block of size `/(prefix + newBits)` inside `c` (Terraform's `cidrsubnet`). */
export function subnet(c: Ipv4Cidr, newBits: number, index: number): Ipv4Cidr {
  const prefix = c.prefix + newBits;
  // A programming error, not a user's: planSubnets calls this only for a CIDR and zone count its checks accepted.
  if (prefix > 32 || index >= 2 ** newBits) throw new RangeError(`no subnet ${index} of /${prefix} in ${formatCidr(c)}`);
  return { base: (c.base + index * 2 ** (32 - prefix)) >>> 0, prefix };
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
}

/** Bits needed to number `count` things: ceil(log2(count)), at least 0. */
export function bitsFor(count: number): number {
  return count <= 1 ? 0 : Math.ceil(Math.log2(count));
}
