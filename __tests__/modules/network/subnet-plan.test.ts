import { planSubnets, subnetPlanProblems } from "../../../modules/network/subnet-plan";

describe("planSubnets", () => {
  test("a /16 over three zones: three /18 private subnets and three /20 public ones in the last /18", () => {
    expect(planSubnets("10.0.0.0/16", 3)).toEqual({
      private: ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"],
      public: ["10.0.192.0/20", "10.0.208.0/20", "10.0.224.0/20"],
    });
  });

  test("two zones leave room for growth without renumbering", () => {
    expect(planSubnets("10.20.0.0/20", 2)).toEqual({ private: ["10.20.0.0/22", "10.20.4.0/22"], public: ["10.20.12.0/23", "10.20.14.0/23"] });
  });

  test("six zones", () => {
    const plan = planSubnets("10.0.0.0/16", 6);
    expect(plan.private).toEqual(["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19", "10.0.96.0/19", "10.0.128.0/19", "10.0.160.0/19"]);
    expect(plan.public[5]).toBe("10.0.244.0/22");
  });

  test.each([
    ["10.0.0.0/26", 3, "10.0.0.0/26 is too small for 3 private + 3 public subnets (each at least /28); use a /24 or larger (example: 10.0.0.0/16), or lower azCount"],
    ["10.0.0.0/26", 2, "10.0.0.0/26 is too small for 2 private + 2 public subnets (each at least /28); use a /25 or larger (example: 10.0.0.0/16), or lower azCount"],
    ["10.0.0.0/8", 3, "10.0.0.0/8 is outside what AWS allows for a VPC; use a prefix from /16 to /28 (example: 10.0.0.0/16)"],
  ])("subnetPlanProblems(%s, %i)", (cidr, zones, message) => {
    expect(subnetPlanProblems(cidr, zones)).toEqual([{ path: ["cidr"], message }]);
  });

  test("the smallest VPC that fits is accepted", () => {
    expect(subnetPlanProblems("10.0.0.0/24", 3)).toEqual([]);
    expect(planSubnets("10.0.0.0/24", 3).public).toEqual(["10.0.0.192/28", "10.0.0.208/28", "10.0.0.224/28"]);
  });
});
