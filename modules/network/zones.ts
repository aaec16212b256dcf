import { Problem } from "../../core/problems";

/** An Availability Zone ID, the same physical zone in every account: `euw1-az1`, `use1-az4`. */
export const ZONE_ID = /^[a-z]{2,5}\d-az\d{1,2}$/;
/** An Availability Zone name, which each account maps to its own physical zone: `eu-west-1a`. */
export const ZONE_NAME = /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/;
/** Local Zone and Wavelength Zone IDs and names: `usw2-lax1-az1`, `us-west-2-lax-1a`, `us-east-1-wl1-bos-wlz-1`. */
const EDGE_ZONE = /^([a-z]{2,5}\d-[a-z0-9-]+-az\d+|[a-z]{2}(-[a-z]+)+-\d-[a-z0-9-]+)$/;

/** Zones pinned in the configuration: by ID (preferred) or by name. */
export interface PinnedZones {
  readonly availabilityZoneIds?: readonly string[];
  readonly availabilityZones?: readonly string[];
}

/** Problems with pinned zones for `azCount` zones (paths relative to `network`). */
export function pinnedZoneProblems(zones: PinnedZones, azCount: number): Problem[] {
  const problems: Problem[] = [];
  if (zones.availabilityZoneIds && zones.availabilityZones) {
    problems.push({
      path: ["availabilityZones"],
      message:
        "set either availabilityZoneIds or availabilityZones, not both; prefer availabilityZoneIds (a zone ID names the same zone in every account), and remove availabilityZones",
    });
  }
  problems.push(
    ...listProblems("availabilityZoneIds", zones.availabilityZoneIds, azCount),
    ...listProblems("availabilityZones", zones.availabilityZones, azCount),
  );
  return problems;
}

function listProblems(key: "availabilityZoneIds" | "availabilityZones", list: readonly string[] | undefined, azCount: number): Problem[] {
  if (!list) return [];
  const problems: Problem[] = [];
  const byId = key === "availabilityZoneIds";
  list.forEach((zone, i) => {
    const format = byId ? zoneIdProblem(zone) : zoneNameProblem(zone);
    if (format) problems.push({ path: [key, i], message: format });
    const first = list.indexOf(zone);
    if (first < i)
      problems.push({
        path: [key, i],
        message: `"${zone}" is already listed at ${key}[${first}]; list each zone once (subnets of one environment go in different zones)`,
      });
  });
  if (list.length < azCount) {
    const example = byId ? "a zone ID such as euw1-az3" : "a zone name such as eu-west-1c";
    problems.push({
      path: [key],
      message: `lists ${list.length} zone${list.length === 1 ? "" : "s"}, fewer than azCount (${azCount}); add ${azCount - list.length} more (${example}), or lower azCount`,
    });
  }
  return problems;
}

function zoneIdProblem(zone: string): string | undefined {
  if (ZONE_ID.test(zone)) return undefined;
  if (ZONE_NAME.test(zone))
    return `"${zone}" is a zone name, not a zone ID; list its ID (aws ec2 describe-availability-zones --query "AvailabilityZones[].[ZoneName,ZoneId]"), or move the names to availabilityZones`;
  if (EDGE_ZONE.test(zone))
    return `"${zone}" is a Local Zone or Wavelength Zone; the cluster's subnets go in Availability Zones only (example: euw1-az1)`;
  return `"${zone}" is not an Availability Zone ID; use the form <region code>-az<n> (example: euw1-az1)`;
}

function zoneNameProblem(zone: string): string | undefined {
  if (ZONE_NAME.test(zone)) return undefined;
  if (ZONE_ID.test(zone))
    return `"${zone}" is a zone ID, not a zone name; move the IDs to availabilityZoneIds (preferred: an ID names the same zone in every account)`;
  if (EDGE_ZONE.test(zone))
    return `"${zone}" is a Local Zone or Wavelength Zone; the cluster's subnets go in Availability Zones only (example: eu-west-1a)`;
  return `"${zone}" is not an Availability Zone name; use the region followed by a letter (example: eu-west-1a)`;
}

/** Pinned zone names that do not belong to `region` (paths relative to `network`). */
export function zoneRegionProblems(zones: PinnedZones, region: string): Problem[] {
  return (zones.availabilityZones ?? []).flatMap((zone, i) =>
    ZONE_NAME.test(zone) && zone.slice(0, -1) !== region
      ? [
          {
            path: ["availabilityZones", i],
            message: `"${zone}" is not a zone of region ${region}; use ${region} followed by a letter (example: ${region}a)`,
          },
        ]
      : [],
  );
}
