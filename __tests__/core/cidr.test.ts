import { cidrProblem, formatCidr, parseCidr, subnet } from "../../core/cidr";

describe("cidr", () => {
  test.each([
    ["10.0.0.0/16", undefined],
    ["10.0.0.0/33", '"10.0.0.0/33" is not an IPv4 CIDR (example: 10.0.0.0/16)'],
    ["10.0.0.256/24", '"10.0.0.256/24" is not an IPv4 CIDR (example: 10.0.0.0/16)'],
    ["10.0.0.0", '"10.0.0.0" is not an IPv4 CIDR (example: 10.0.0.0/16)'],
    ["10.0.1.0/16", '"10.0.1.0/16" has host bits set; use 10.0.0.0/16'],
  ])("cidrProblem(%s)", (text, expected) => {
    // GIVEN a valid CIDR, a bad prefix, a bad octet, no prefix, or host bits set THEN no problem, or the problem with the fix
    expect(cidrProblem(text)).toBe(expected);
  });

  test("subnet carves like Terraform's cidrsubnet", () => {
    // GIVEN 10.0.0.0/16 WHEN subnet 3 of 2 more bits is carved, then subnet 1 of that THEN the ranges cidrsubnet gives
    // AND a subnet number beyond the range throws, naming it
    const vpc = parseCidr("10.0.0.0/16")!;
    expect(formatCidr(subnet(vpc, 2, 3))).toBe("10.0.192.0/18");
    expect(formatCidr(subnet(subnet(vpc, 2, 3), 2, 1))).toBe("10.0.208.0/20");
    expect(() => subnet(vpc, 2, 4)).toThrow("no subnet 4 of /18 in 10.0.0.0/16");
  });
});
