/**
 * How a cluster's Kubernetes version may move: EKS upgrades the control plane one minor version at
 * a time and never downgrades (EKS user guide, "Update existing cluster to new Kubernetes version").
 * Pure: used by the config rules, the review's --base diff and its --plan reading alike.
 */

/** `"1.35"` → 35; undefined for anything that is not `1.<minor>`. */
export function minorOf(version: string | undefined): number | undefined {
  const m = /^1\.(\d+)$/.exec(version ?? "");
  return m ? Number(m[1]) : undefined;
}

export type VersionStep = "same" | "one-minor" | "skips-minors" | "downgrade" | "unknown";

/** What moving from one Kubernetes version to another is, in EKS's terms. */
export function versionStep(from: string | undefined, to: string | undefined): VersionStep {
  const a = minorOf(from);
  const b = minorOf(to);
  if (a === undefined || b === undefined) return from === to ? "same" : "unknown";
  if (a === b) return "same";
  if (b === a + 1) return "one-minor";
  return b > a ? "skips-minors" : "downgrade";
}

/**
 * Why EKS would refuse a version change, with the fix; undefined when EKS accepts it. The one
 * wording for this rule, wherever it is found.
 */
export function versionStepProblem(from: string | undefined, to: string | undefined): string | undefined {
  const step = versionStep(from, to);
  if (step === "skips-minors") {
    const next = `1.${(minorOf(from) as number) + 1}`;
    return `Kubernetes ${from} → ${to} skips a minor version: EKS upgrades one minor at a time and would fail mid-apply; upgrade to "${next}" first, apply, then continue`;
  }
  if (step === "downgrade")
    return `Kubernetes ${from} → ${to} is a downgrade: EKS cannot downgrade a cluster; keep "${from}" (or build a new environment on ${to})`;
  return undefined;
}

/** One Kubernetes version's life on EKS (dates in UTC, `YYYY-MM-DD`). */
export interface EksVersionDates {
  readonly version: string;
  /** First available on EKS. */
  readonly released: string;
  /** From this day the cluster is in extended support, billed at a higher hourly rate. */
  readonly endOfStandardSupport: string;
  /** From this day EKS upgrades the control plane itself. */
  readonly endOfExtendedSupport: string;
  /** Where the dates come from, when not the user guide's table as read on CALENDAR_READ_ON. */
  readonly unconfirmed?: string;
}

/**
 * The calendar below: the Amazon EKS User Guide, "Understand the Kubernetes version lifecycle on
 * EKS", section "Amazon EKS Kubernetes release calendar"
 * (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html, source file
 * awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc). Rows marked
 * `unconfirmed` could not be read there on that day and say where their dates come from.
 */
export const CALENDAR_SOURCE =
  'Amazon EKS User Guide, "Amazon EKS Kubernetes release calendar" (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html)';
/** The day the calendar was read. */
export const CALENDAR_READ_ON = "2026-12-06";

const EARLIER_EDITION = "an earlier edition of the same table (the copy read on 2026-12-06 starts at 1.29)";
/** Every Kubernetes version EKS has offered with access entries (1.23 on), oldest first. */
export const EKS_VERSION_CALENDAR: readonly EksVersionDates[] = [
  {
    version: "1.23",
    released: "2022-08-11",
    endOfStandardSupport: "2023-10-11",
    endOfExtendedSupport: "2024-10-11",
    unconfirmed: `release date from ${EARLIER_EDITION}; the support dates are in the guide's FAQ`,
  },
  {
    version: "1.24",
    released: "2022-11-15",
    endOfStandardSupport: "2024-01-31",
    endOfExtendedSupport: "2025-01-31",
    unconfirmed: EARLIER_EDITION,
  },
  {
    version: "1.25",
    released: "2023-02-21",
    endOfStandardSupport: "2024-05-01",
    endOfExtendedSupport: "2025-05-01",
    unconfirmed: EARLIER_EDITION,
  },
  {
    version: "1.26",
    released: "2023-04-11",
    endOfStandardSupport: "2024-06-11",
    endOfExtendedSupport: "2025-06-11",
    unconfirmed: EARLIER_EDITION,
  },
  {
    version: "1.27",
    released: "2023-05-24",
    endOfStandardSupport: "2024-07-24",
    endOfExtendedSupport: "2025-07-24",
    unconfirmed: EARLIER_EDITION,
  },
  {
    version: "1.28",
    released: "2023-09-26",
    endOfStandardSupport: "2024-11-26",
    endOfExtendedSupport: "2025-11-26",
    unconfirmed: EARLIER_EDITION,
  },
  { version: "1.29", released: "2024-01-23", endOfStandardSupport: "2025-03-23", endOfExtendedSupport: "2026-03-23" },
  { version: "1.30", released: "2024-05-23", endOfStandardSupport: "2025-07-23", endOfExtendedSupport: "2026-07-23" },
  { version: "1.31", released: "2024-09-26", endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26" },
  { version: "1.32", released: "2025-01-23", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
  { version: "1.33", released: "2025-05-29", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
  { version: "1.34", released: "2025-10-02", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
  {
    version: "1.35",
    released: "2026-01-27",
    endOfStandardSupport: "2027-03-27",
    endOfExtendedSupport: "2028-03-27",
    unconfirmed:
      "not in the guide's copy read; from endoflife.date/amazon-eks and AWS's own aws-samples EKS calendar (verified there 2026-04-24), which agree",
  },
  {
    version: "1.36",
    released: "2026-06-02",
    endOfStandardSupport: "2027-08-02",
    endOfExtendedSupport: "2028-08-02",
    unconfirmed:
      "the guide's current edition names 1.36 as its newest version, but its row could not be read; release date from the project's EKS notes, support ends computed by EKS's rule (14 months standard, then 12 extended)",
  },
];

/** A version's row in the calendar, if EKS has (had) it. */
export function eksVersionDates(version: string): EksVersionDates | undefined {
  return EKS_VERSION_CALENDAR.find((v) => v.version === version);
}

/** The newest version in standard support on `day` (`YYYY-MM-DD`). */
export function newestInStandardSupport(day: string): string | undefined {
  return [...EKS_VERSION_CALENDAR].reverse().find((v) => v.released <= day && day < v.endOfStandardSupport)?.version;
}

/** Standard support ending this close (or already ended) is worth a note at synth. */
export const SUPPORT_NOTE_DAYS = 120;

/**
 * A note when `version`'s standard support ends within SUPPORT_NOTE_DAYS of `today`, or has
 * ended (extended support costs more per hour; after it, EKS upgrades on its own); undefined
 * otherwise or for a version not in the calendar.
 */
export function versionSupportNote(version: string, today: Date, upgradePolicy?: "STANDARD" | "EXTENDED"): string | undefined {
  const dates = eksVersionDates(version);
  if (!dates) return undefined;
  const day = today.toISOString().slice(0, 10);
  const next = `"1.${(minorOf(version) as number) + 1}"`;
  const daysUntil = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
  if (day >= dates.endOfExtendedSupport) {
    return `Kubernetes ${version} left EKS extended support on ${dates.endOfExtendedSupport}: EKS upgrades such control planes itself, at a time it chooses; upgrade to ${next} now (one minor at a time)`;
  }
  const after =
    upgradePolicy === "STANDARD"
      ? "EKS then upgrades the control plane itself (cluster.upgradePolicy: STANDARD)"
      : `the cluster then runs in extended support until ${dates.endOfExtendedSupport}, billed at a higher hourly rate than standard support (cluster.upgradePolicy: STANDARD makes EKS upgrade it instead)`;
  if (day >= dates.endOfStandardSupport) {
    return upgradePolicy === "STANDARD"
      ? `Kubernetes ${version}'s standard support ended on ${dates.endOfStandardSupport}, so EKS upgrades the control plane itself (cluster.upgradePolicy: STANDARD); upgrade to ${next} yourself to choose the time`
      : `Kubernetes ${version}'s standard support ended on ${dates.endOfStandardSupport}: the cluster runs in extended support until ${dates.endOfExtendedSupport}, billed at a higher hourly rate than standard support; upgrade to ${next} (one minor at a time)`;
  }
  const days = daysUntil(dates.endOfStandardSupport);
  if (days > SUPPORT_NOTE_DAYS) return undefined;
  return `Kubernetes ${version}'s standard support ends on ${dates.endOfStandardSupport} (in ${days} days); ${after}; plan the upgrade to ${next}`;
}
