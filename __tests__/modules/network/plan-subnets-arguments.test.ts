import { ValidationError } from "../../../core/problems";
import { planSubnets } from "../../../modules/network/subnet-plan";

/** planSubnets is exported: a caller who passes a bad argument is told which one, and the fix, without a stack trace. */
describe("planSubnets arguments", () => {
  test.each([
    ["10.0.0.1/16", 3, 'planSubnets: vpcCidr: "10.0.0.1/16" has host bits set; use 10.0.0.0/16'],
    [
      "10.0.0.0/24",
      3,
      "planSubnets: vpcCidr: 10.0.0.0/24 is too small for the stable subnet layout (subnetLayout v2), which keeps room for 6 zones (private /27, public /30, each at least /28); use a /22 or larger (example: 10.0.0.0/16)",
    ],
    ["10.0.0.0/16", 7, "planSubnets: azCount: 7 is out of range; use 2 to 6"],
    ["10.0.0.0/16", 1.5, "planSubnets: azCount: 1.5 is out of range; use 2 to 6"],
  ])("%p for %p zones", (cidr, azCount, message) => {
    // GIVEN a bad argument WHEN planned THEN a ValidationError names it
    expect(() => planSubnets(cidr, azCount)).toThrow(new ValidationError(message));
    expect(() => planSubnets(cidr, azCount)).toThrow(ValidationError);
  });
});
