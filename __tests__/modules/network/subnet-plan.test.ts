import { planSubnets, subnetPlanProblems, v1OnlyRanges } from "../../../modules/network/subnet-plan";
import { nonEmpty } from "../../support/environment";

describe("planSubnets v2 (the stable layout, the default)", () => {
  test("a /16: private /19s at blocks 0-5, public /22s in block 7, whatever the zone count", () => {
    // GIVEN a /16; WHEN planned for 3 zones
    const plan = planSubnets("10.0.0.0/16", 3);
    // THEN private i = cidrsubnet(cidr, 3, i), public i = cidrsubnet(cidrsubnet(cidr, 3, 7), 3, i)
    expect(plan).toEqual({
      private: ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"],
      public: ["10.0.224.0/22", "10.0.228.0/22", "10.0.232.0/22"],
    });
  });

  test("each zone keeps its ranges for every azCount from 2 to 6", () => {
    // GIVEN the plan for 6 zones; WHEN planned for fewer
    const six = planSubnets("10.0.0.0/16", 6);
    expect(six.private).toEqual(["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19", "10.0.96.0/19", "10.0.128.0/19", "10.0.160.0/19"]);
    expect(six.public).toEqual(["10.0.224.0/22", "10.0.228.0/22", "10.0.232.0/22", "10.0.236.0/22", "10.0.240.0/22", "10.0.244.0/22"]);
    // THEN every smaller plan is a prefix of it: changing azCount only adds or removes the last zones
    for (const count of [2, 3, 4, 5]) {
      const plan = planSubnets("10.0.0.0/16", count);
      expect(plan).toEqual({ private: six.private.slice(0, count), public: six.public.slice(0, count) });
    }
  });

  test("the smallest VPC it fits is a /22 (public /28s)", () => {
    // GIVEN a /22; WHEN planned for 6 zones; THEN /25 private and /28 public ranges
    expect(subnetPlanProblems("10.0.0.0/22", 6)).toEqual([]);
    expect(planSubnets("10.0.0.0/22", 6)).toEqual({
      private: ["10.0.0.0/25", "10.0.0.128/25", "10.0.1.0/25", "10.0.1.128/25", "10.0.2.0/25", "10.0.2.128/25"],
      public: ["10.0.3.128/28", "10.0.3.144/28", "10.0.3.160/28", "10.0.3.176/28", "10.0.3.192/28", "10.0.3.208/28"],
    });
  });

  test.each([
    [
      "10.0.0.0/23",
      "10.0.0.0/23 is too small for the stable subnet layout (subnetLayout v2), which keeps room for 6 zones (private /26, public /29, each at least /28); use a /22 or larger (example: 10.0.0.0/16)",
    ],
    [
      "10.0.0.0/28",
      "10.0.0.0/28 is too small for the stable subnet layout (subnetLayout v2), which keeps room for 6 zones (private /31, public /34, each at least /28); use a /22 or larger (example: 10.0.0.0/16)",
    ],
    ["10.0.0.0/8", "10.0.0.0/8 is outside what AWS allows for a VPC; use a prefix from /16 to /28 (example: 10.0.0.0/16)"],
  ])("subnetPlanProblems(%s) for v2", (cidr, message) => {
    // GIVEN a VPC too small (or too large); WHEN checked for 2 zones; THEN one problem on cidr
    expect(subnetPlanProblems(cidr, 2, "v2")).toEqual([{ path: ["cidr"], message }]);
  });
});

describe("planSubnets v1 (the earlier layout, kept for environments applied with it)", () => {
  test("a /16 over three zones: three /18 private subnets and three /20 public ones in the last /18", () => {
    // GIVEN a /16 WHEN planned for 3 zones in layout v1 THEN /18 private subnets and /20 public ones in the last /18
    expect(planSubnets("10.0.0.0/16", 3, "v1")).toEqual({
      private: ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"],
      public: ["10.0.192.0/20", "10.0.208.0/20", "10.0.224.0/20"],
    });
  });

  test("two zones", () => {
    // GIVEN a /20 WHEN planned for 2 zones in layout v1 THEN /22 private and /23 public subnets
    expect(planSubnets("10.20.0.0/20", 2, "v1")).toEqual({
      private: ["10.20.0.0/22", "10.20.4.0/22"],
      public: ["10.20.12.0/23", "10.20.14.0/23"],
    });
  });

  test("five and six zones: the same ranges as v2", () => {
    // GIVEN a /16 WHEN planned for 5 or 6 zones THEN v1 and v2 give the same ranges
    for (const count of [5, 6]) expect(planSubnets("10.0.0.0/16", count, "v1")).toEqual(planSubnets("10.0.0.0/16", count, "v2"));
  });

  test.each([
    [
      "10.0.0.0/26",
      3,
      "10.0.0.0/26 is too small for 3 private + 3 public subnets (each at least /28); use a /24 or larger (example: 10.0.0.0/16), or lower azCount",
    ],
    [
      "10.0.0.0/26",
      2,
      "10.0.0.0/26 is too small for 2 private + 2 public subnets (each at least /28); use a /25 or larger (example: 10.0.0.0/16), or lower azCount",
    ],
    ["10.0.0.0/8", 3, "10.0.0.0/8 is outside what AWS allows for a VPC; use a prefix from /16 to /28 (example: 10.0.0.0/16)"],
  ])("subnetPlanProblems(%s, %i, v1)", (cidr, zones, message) => {
    // GIVEN a VPC too small for the zones, or too large WHEN checked for layout v1 THEN one problem on cidr, with the fix
    expect(subnetPlanProblems(cidr, zones, "v1")).toEqual([{ path: ["cidr"], message }]);
  });

  test("the smallest VPC that fits is accepted", () => {
    // GIVEN a /24 WHEN checked for 3 zones in layout v1 THEN no problem, and /28 public subnets
    expect(subnetPlanProblems("10.0.0.0/24", 3, "v1")).toEqual([]);
    expect(planSubnets("10.0.0.0/24", 3, "v1").public).toEqual(["10.0.0.192/28", "10.0.0.208/28", "10.0.0.224/28"]);
  });
});

describe("v1OnlyRanges (what the layout guard looks for)", () => {
  test("every v1 range for 2 to 6 zones that v2 does not also use", () => {
    // GIVEN a /16; WHEN listed
    const ranges = v1OnlyRanges("10.0.0.0/16");
    // THEN v1's /18s and its 2-, 3- and 4-zone public ranges, none of v2's ranges
    expect(ranges).toEqual([
      "10.0.0.0/18",
      "10.0.128.0/18",
      "10.0.192.0/19",
      "10.0.192.0/20",
      "10.0.208.0/20",
      "10.0.224.0/19",
      "10.0.224.0/20",
      "10.0.224.0/21",
      "10.0.232.0/21",
      "10.0.240.0/21",
      "10.0.248.0/21",
      "10.0.64.0/18",
    ]);
    const v2 = planSubnets("10.0.0.0/16", 6);
    for (const range of nonEmpty([...v2.private, ...v2.public])) expect(ranges).not.toContain(range);
  });
});
