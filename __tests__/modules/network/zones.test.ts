import { pinnedZoneProblems, zoneRegionProblems } from "../../../modules/network/zones";

describe("pinnedZoneProblems", () => {
  test("zone IDs and names in the right form, as many as azCount or more: no problem", () => {
    // GIVEN well-formed pins; WHEN checked; THEN nothing to report
    expect(pinnedZoneProblems({ availabilityZoneIds: ["euw1-az1", "euw1-az2", "euw1-az3", "euw1-az4"] }, 3)).toEqual([]);
    expect(pinnedZoneProblems({ availabilityZoneIds: ["use1-az6", "usgw1-az1", "apse2-az3"] }, 3)).toEqual([]);
    expect(pinnedZoneProblems({ availabilityZones: ["us-gov-west-1a", "us-gov-west-1b"] }, 2)).toEqual([]);
    expect(pinnedZoneProblems({}, 6)).toEqual([]);
  });

  test.each([
    [
      { availabilityZoneIds: ["euw1-az1", "euw1-az2"] },
      3,
      ["availabilityZoneIds"],
      "lists 2 zones, fewer than azCount (3); add 1 more (a zone ID such as euw1-az3), or lower azCount",
    ],
    [
      { availabilityZones: ["eu-west-1a"] },
      3,
      ["availabilityZones"],
      "lists 1 zone, fewer than azCount (3); add 2 more (a zone name such as eu-west-1c), or lower azCount",
    ],
    [
      { availabilityZoneIds: ["euw1-az1", "euw1-az1"] },
      2,
      ["availabilityZoneIds", 1],
      '"euw1-az1" is already listed at availabilityZoneIds[0]; list each zone once (subnets of one environment go in different zones)',
    ],
    [
      { availabilityZoneIds: ["euw1-az1", "eu-west-1b"] },
      2,
      ["availabilityZoneIds", 1],
      '"eu-west-1b" is a zone name, not a zone ID; list its ID (aws ec2 describe-availability-zones --query "AvailabilityZones[].[ZoneName,ZoneId]"), or move the names to availabilityZones',
    ],
    [
      { availabilityZones: ["eu-west-1a", "euw1-az2"] },
      2,
      ["availabilityZones", 1],
      '"euw1-az2" is a zone ID, not a zone name; move the IDs to availabilityZoneIds (preferred: an ID names the same zone in every account)',
    ],
    [
      { availabilityZoneIds: ["usw2-az1", "usw2-lax1-az1"] },
      2,
      ["availabilityZoneIds", 1],
      '"usw2-lax1-az1" is a Local Zone or Wavelength Zone; the cluster\'s subnets go in Availability Zones only (example: euw1-az1)',
    ],
    [
      { availabilityZones: ["us-west-2a", "us-west-2-lax-1a"] },
      2,
      ["availabilityZones", 1],
      '"us-west-2-lax-1a" is a Local Zone or Wavelength Zone; the cluster\'s subnets go in Availability Zones only (example: eu-west-1a)',
    ],
    [
      { availabilityZoneIds: ["euw1-az1", "zone 2"] },
      2,
      ["availabilityZoneIds", 1],
      '"zone 2" is not an Availability Zone ID; use the form <region code>-az<n> (example: euw1-az1)',
    ],
    [
      { availabilityZones: ["eu-west-1a", "EU-WEST-1B"] },
      2,
      ["availabilityZones", 1],
      '"EU-WEST-1B" is not an Availability Zone name; use the region followed by a letter (example: eu-west-1a)',
    ],
  ])("%j with azCount %i", (zones, azCount, path, message) => {
    // GIVEN one mistake; WHEN checked; THEN exactly that problem, at its key path
    expect(pinnedZoneProblems(zones, azCount)).toEqual([{ path, message }]);
  });

  test("every problem at once: both kinds, a duplicate and too few", () => {
    // GIVEN several mistakes; WHEN checked
    const problems = pinnedZoneProblems(
      { availabilityZoneIds: ["euw1-az1", "euw1-az1"], availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] },
      3,
    );
    // THEN all of them, in order
    expect(problems.map((p) => p.path)).toEqual([["availabilityZones"], ["availabilityZoneIds", 1], ["availabilityZoneIds"]]);
  });
});

describe("zoneRegionProblems", () => {
  test("a zone name of another region", () => {
    // GIVEN eu-west-1 with a us-east-1 zone; WHEN checked; THEN that zone, with the fix
    expect(zoneRegionProblems({ availabilityZones: ["eu-west-1a", "us-east-1b"] }, "eu-west-1")).toEqual([
      {
        path: ["availabilityZones", 1],
        message: '"us-east-1b" is not a zone of region eu-west-1; use eu-west-1 followed by a letter (example: eu-west-1a)',
      },
    ]);
    // AND zone IDs are not checked against the region here (AWS reports an unknown ID at plan time)
    expect(zoneRegionProblems({ availabilityZoneIds: ["use1-az1"] }, "eu-west-1")).toEqual([]);
  });
});
