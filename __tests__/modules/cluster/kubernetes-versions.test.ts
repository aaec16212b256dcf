import { DEFAULT_KUBERNETES_VERSION, kubernetesVersionProblems } from "../../../modules/cluster/cluster-rules";
import {
  CALENDAR_READ_ON,
  EKS_VERSION_CALENDAR,
  newestInStandardSupport,
  versionSupportNote,
} from "../../../modules/cluster/kubernetes-versions";
import { nonEmpty } from "../../support/environment";

const on = (day: string) => new Date(`${day}T12:00:00Z`);

describe("the EKS Kubernetes version calendar", () => {
  test("the default version is the newest in standard support on the day the calendar was read", () => {
    // GIVEN the embedded calendar WHEN asked for the newest version in standard support on its read date THEN it is the default
    expect(newestInStandardSupport(CALENDAR_READ_ON)).toBe(DEFAULT_KUBERNETES_VERSION);
  });

  test("one row per minor from 1.23, each with release < end of standard < end of extended support", () => {
    // GIVEN the calendar THEN minors are consecutive and every row's dates are in order
    expect(EKS_VERSION_CALENDAR.map((v) => v.version)).toEqual(
      Array.from({ length: EKS_VERSION_CALENDAR.length }, (_, i) => `1.${23 + i}`),
    );
    for (const v of nonEmpty(EKS_VERSION_CALENDAR)) {
      expect([v.version, v.released < v.endOfStandardSupport && v.endOfStandardSupport < v.endOfExtendedSupport]).toEqual([
        v.version,
        true,
      ]);
    }
  });

  test.each([
    ["1.36", "2026-12-06", undefined, undefined],
    [
      "1.35",
      "2026-12-06",
      undefined,
      `Kubernetes 1.35's standard support ends on 2027-03-27 (in 111 days); the cluster then runs in extended support until 2028-03-27, billed at a higher hourly rate than standard support (cluster.upgradePolicy: STANDARD makes EKS upgrade it instead); plan the upgrade to "1.36"`,
    ],
    ["1.35", "2026-11-26", undefined, undefined],
    [
      "1.35",
      "2026-12-06",
      "STANDARD" as const,
      `Kubernetes 1.35's standard support ends on 2027-03-27 (in 111 days); EKS then upgrades the control plane itself (cluster.upgradePolicy: STANDARD); plan the upgrade to "1.36"`,
    ],
    [
      "1.32",
      "2026-12-06",
      undefined,
      `Kubernetes 1.32's standard support ended on 2026-03-23: the cluster runs in extended support until 2027-03-23, billed at a higher hourly rate than standard support; upgrade to "1.33" (one minor at a time)`,
    ],
    [
      "1.29",
      "2026-12-06",
      undefined,
      `Kubernetes 1.29 left EKS extended support on 2026-03-23: EKS upgrades such control planes itself, at a time it chooses; upgrade to "1.30" now (one minor at a time)`,
    ],
  ])("Kubernetes %s on %s (upgradePolicy %p): note %p", (version, day, policy, note) => {
    // GIVEN a version and a day WHEN synth runs that day THEN this note (or none)
    expect(versionSupportNote(version, on(day), policy)).toBe(note);
  });

  test("a version EKS never had is a problem with the fix", () => {
    // GIVEN a well-formed version newer than any EKS release WHEN checked THEN it is refused
    expect(kubernetesVersionProblems("1.99")).toEqual([
      {
        path: [],
        message: `1.99 is not a Kubernetes version EKS has released (the newest, as of ${CALENDAR_READ_ON}, is 1.36); use 1.23 to 1.36 (example: "1.36"), or update cdktf-private-eks if EKS has released 1.99 since`,
      },
    ]);
    expect(kubernetesVersionProblems("1.34")).toEqual([]);
  });
});
