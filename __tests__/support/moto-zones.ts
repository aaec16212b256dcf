import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Moto } from "./moto";

/** What the emulated region reports besides moto's fixed zones. */
export interface ZoneChange {
  /** Zone names reported `impaired`. */
  readonly impaired?: string[];
  /** Extra zones, e.g. an opted-in Local Zone: `{ name: "us-west-2-lax-1a", zone_id: "usw2-lax1-az1", zone_type: "local-zone", opt_in_status: "opted-in" }`. */
  readonly add?: { name: string; zone_id: string; zone_type?: string; opt_in_status?: string }[];
}

/**
 * moto with a zone list a test can change while it runs (moto's own is fixed, always available,
 * and it ignores the opt-in-status filter): `sitecustomize.py` in ./moto-zones patches moto's
 * DescribeAvailabilityZones to read `set()`'s file on every call, and to filter on opt-in status.
 */
export class MotoWithZones {
  private constructor(
    readonly moto: Moto,
    private readonly file: string,
    private readonly dir: string,
  ) {}

  static async start(): Promise<MotoWithZones> {
    const dir = mkdtempSync(join(tmpdir(), "moto-zones-"));
    const file = join(dir, "zones.json");
    const saved = { PYTHONPATH: process.env.PYTHONPATH, MOTO_ZONES_FILE: process.env.MOTO_ZONES_FILE };
    process.env.PYTHONPATH = [join(__dirname, "moto-zones"), saved.PYTHONPATH].filter(Boolean).join(":");
    process.env.MOTO_ZONES_FILE = file;
    try {
      return new MotoWithZones(await Moto.start(), file, dir);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }

  /** From now on, the region reports this (on top of moto's zones). */
  set(change: ZoneChange): void {
    writeFileSync(this.file, JSON.stringify(change));
  }

  stop(): void {
    this.moto.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
