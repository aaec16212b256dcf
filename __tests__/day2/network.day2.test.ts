import { copyFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { Network, NetworkProps } from "../../modules/network/network";
import { TfJson } from "../support/environment";
import { synthJson, testStack } from "../support/fixture";
import { MotoWithZones } from "../support/moto-zones";
import { TerraformDir } from "../support/terraform";
import { describeWith, hasMoto, hasTerraform } from "../support/tools";

const REGION = "us-west-2"; // moto: us-west-2a = usw2-az2, us-west-2b = usw2-az1, us-west-2c = usw2-az3
/** The legacy environment is applied only this far: its VPC and subnets are what the layout guard reads. */
const LEGACY_SUBNETS = [
  "aws_subnet.network_private-0",
  "aws_subnet.network_private-1",
  "aws_subnet.network_public-0",
  "aws_subnet.network_public-1",
];
const LOCAL_ZONE = { name: "us-west-2-lax-1a", zone_id: "usw2-lax1-az1", zone_type: "local-zone", opt_in_status: "opted-in" };

/** The network module alone, as the cluster stack builds it (environments on one moto need their own names). */
function networkStack(props: Partial<NetworkProps> = {}, name = "day2"): TfJson {
  const stack = testStack(name, REGION);
  new Network(stack, "network", { name, ...props });
  return synthJson(stack);
}

/** An environment applied by an earlier release (subnetLayout v1), named apart from the others on this moto. */
function legacyStack(props: Partial<NetworkProps> = {}): TfJson {
  const stack = testStack("legacy", REGION);
  new Network(stack, "network", { name: "legacy", azCount: 2, ...props });
  return synthJson(stack);
}

/** One Terraform working directory with state, pointed at moto. */
class Environment {
  readonly tf = new TerraformDir();
  constructor(private readonly moto: MotoWithZones) {}

  private async write(stack: TfJson, override: object = {}): Promise<void> {
    this.tf.write("cdk.tf.json", stack);
    this.tf.write("moto_override.tf.json", { ...this.moto.moto.providerOverride(), ...override });
  }

  /** `terraform init` (the providers of the network stack). */
  async init(): Promise<void> {
    await this.write(networkStack());
    await this.tf.terraform("init", "-input=false");
  }

  /** Uses another directory's initialized providers instead of installing them again. */
  shareProviders(from: Environment): void {
    symlinkSync(join(from.tf.dir, ".terraform"), join(this.tf.dir, ".terraform"));
    copyFileSync(join(from.tf.dir, ".terraform.lock.hcl"), join(this.tf.dir, ".terraform.lock.hcl"));
  }

  /** Applies (state is this test's own: no refresh) and returns terraform's log; `targets` limits it to those resources and what they need. */
  async apply(stack: TfJson, targets: string[] = []): Promise<string> {
    await this.write(stack);
    const log = await this.tf.terraform(
      "apply",
      "-input=false",
      "-lock=false",
      "-refresh=false",
      "-auto-approve",
      "-parallelism=20",
      ...targets.map((t) => `-target=${t}`),
    );
    return log;
  }

  /** Plans and returns terraform's exit code and error output. */
  async planResult(stack: TfJson, targets: string[] = []): Promise<{ code: number; stderr: string }> {
    await this.write(stack);
    return this.tf.result("plan", "-input=false", "-lock=false", "-refresh=false", ...targets.map((t) => `-target=${t}`));
  }

  /** Plans (data sources are read, resources are not refreshed) and returns each changing resource's action by address. */
  async plan(stack: TfJson, override: object = {}, targets: string[] = []): Promise<Record<string, string>> {
    await this.write(stack, override);
    const log = await this.tf.terraform(
      "plan",
      "-input=false",
      "-lock=false",
      "-refresh=false",
      "-json",
      ...targets.map((t) => `-target=${t}`),
    );
    const changes: Record<string, string> = {};
    for (const line of log.split("\n")) {
      const message = line.startsWith("{") ? JSON.parse(line) : undefined;
      if (message?.type !== "planned_change") continue;
      const { resource, action } = message.change;
      if (!resource.addr.startsWith("data.")) changes[resource.addr] = action;
    }
    return changes;
  }
}

/** What zone `i` adds: its two subnets, their route table links, its NAT gateway and address, and its default route. */
function zoneResources(i: number): string[] {
  return [
    `aws_eip.network_nat-ip-${i}`,
    `aws_nat_gateway.network_nat-${i}`,
    `aws_route.network_private-routes-${i}-default-route`,
    `aws_route_table.network_private-routes-${i}`,
    `aws_route_table_association.network_private-routes-${i}-association`,
    `aws_route_table_association.network_public-${i}-association`,
    `aws_subnet.network_private-${i}`,
    `aws_subnet.network_public-${i}`,
  ];
}

const all = (addresses: string[], action: string) => Object.fromEntries(addresses.map((a) => [a, action]));

describeWith("moto", hasTerraform() && hasMoto(), "day-2 network changes against moto (apply, then plan the edit)", () => {
  let moto: MotoWithZones;
  // Two working directories on one moto, so their applies overlap: `two` starts over two zones,
  // `three` over three (applied while the first test runs) and then takes the zone and egress edits.
  let two: Environment;
  let three: Environment;
  let threeApplied: Promise<unknown>;
  let legacy: Environment;
  let legacyApplied: Promise<unknown>;
  beforeAll(async () => {
    moto = await MotoWithZones.start();
    two = new Environment(moto);
    three = new Environment(moto);
    legacy = new Environment(moto);
    await three.init();
    two.shareProviders(three);
    legacy.shareProviders(three);
    threeApplied = three.apply(networkStack({ azCount: 3 })).catch((e) => e);
    legacyApplied = legacy.apply(legacyStack({ subnetLayout: "v1" }), LEGACY_SUBNETS).catch((e) => e);
  }, 120_000);
  afterAll(() => {
    two?.tf.remove();
    three?.tf.remove();
    legacy?.tf.remove();
    moto?.stop();
  });

  /** Waits for a base apply started in beforeAll; fails the test that needs it if it failed. */
  async function applied(base: Promise<unknown>): Promise<void> {
    const result = await base;
    if (result instanceof Error) throw result;
  }
  const threeZones = () => applied(threeApplied);

  test("azCount 2 → 3 only adds the third zone's subnets, routes and NAT gateway", async () => {
    // GIVEN an applied network over two zones
    await two.apply(networkStack({ azCount: 2 }, "grow"));
    // WHEN azCount becomes 3
    const changes = await two.plan(networkStack({ azCount: 3 }, "grow"));
    // THEN only zone 2's resources are created; nothing else changes
    expect(changes).toEqual(all(zoneResources(2), "create"));
  }, 180_000);

  test("azCount 3 → 2 only removes the third zone's subnets, routes and NAT gateway", async () => {
    // GIVEN a network applied over three zones
    await threeZones();
    // WHEN azCount goes back to 2
    const changes = await three.plan(networkStack({ azCount: 2 }));
    // THEN only zone 2's resources are deleted
    expect(changes).toEqual(all(zoneResources(2), "delete"));
  }, 120_000);

  describe("the region's zone list changes: us-west-2a impaired, and an opted-in Local Zone that sorts first", () => {
    beforeAll(() => moto.set({ impaired: ["us-west-2a"], add: [LOCAL_ZONE] }));
    afterAll(() => moto.set({}));

    test("unpinned (Availability Zones by opt-in status, any state): nothing is replaced", async () => {
      // GIVEN the three-zone network applied before the change; WHEN it is planned again
      const changes = await three.plan(networkStack({ azCount: 3 }));
      // THEN nothing changes
      expect(changes).toEqual({});
    }, 120_000);

    test("pinned by zone ID (the zones the subnets are in): nothing is replaced", async () => {
      // GIVEN the subnets' zones pinned by ID (moto: us-west-2a = usw2-az2, b = usw2-az1, c = usw2-az3); WHEN planned
      const changes = await three.plan(networkStack({ azCount: 3, availabilityZoneIds: ["usw2-az2", "usw2-az1", "usw2-az3"] }));
      // THEN nothing changes
      expect(changes).toEqual({});
    }, 120_000);

    test("the simulation bites: the earlier lookup (state = available, Local Zones included) would replace subnets", async () => {
      // GIVEN the zone data source as earlier releases wrote it (an override file; zone-type spells out what AWS returns unfiltered)
      const earlier = {
        data: {
          aws_availability_zones: {
            network_zones: { state: "available", filter: { name: "zone-type", values: ["availability-zone", "local-zone"] } },
          },
        },
      };
      // WHEN planned against the changed region
      const changes = await three.plan(networkStack({ azCount: 3 }), earlier);
      // THEN the list shifted (the Local Zone first, us-west-2a gone): zone 0's subnets would be replaced
      expect(changes["aws_subnet.network_private-0"]).toBe("replace");
      expect(changes["aws_subnet.network_public-0"]).toBe("replace");
    }, 120_000);
  });

  test("subnet layouts: a v2 plan of an environment applied with v1 fails, naming the switch; with v1 nothing changes", async () => {
    // GIVEN an environment applied with the earlier layout (v1; its VPC and subnets)
    await applied(legacyApplied);
    // WHEN the package's default (v2) is planned for it
    const upgraded = await legacy.planResult(legacyStack(), LEGACY_SUBNETS);
    // THEN the plan fails before replacing anything, and says how to keep the subnets
    expect(upgraded.code).toBe(1);
    expect(upgraded.stderr.replace(/\s+/g, " ")).toContain(
      'Subnets of "legacy" exist at the ranges of the earlier subnet layout (v1), and the stable layout (v2, the default) would replace them. Keep them: set network.subnetLayout: v1 in the environment\'s file (README, "Subnet layouts").',
    );
    // AND with subnetLayout: v1 the plan is empty
    expect(await legacy.plan(legacyStack({ subnetLayout: "v1" }), {}, LEGACY_SUBNETS)).toEqual({});
  }, 120_000);

  /** Line numbers of a log's lines that match. */
  const linesOf = (log: string, pattern: RegExp) => log.split("\n").flatMap((line, i) => (pattern.test(line) ? [i] : []));

  test("egress nat → none: endpoints and their security group exist before any route or NAT gateway is removed", async () => {
    // GIVEN the three-zone network with NAT; WHEN egress becomes none and is applied
    await threeZones();
    const log = await three.apply(networkStack({ azCount: 3, egress: "none" }));
    const created = linesOf(
      log,
      /^aws_(vpc_endpoint|security_group|vpc_security_group_ingress_rule)\.network_endpoints_[\w.-]+: Creation complete/,
    );
    const removing = linesOf(log, /^aws_(route|route_table_association|nat_gateway|internet_gateway)\.network_[\w-]+: Destroying/);
    // THEN every endpoint (12 interface + S3), the security group and its rule were created before the first removal
    expect(created).toHaveLength(15);
    expect(removing).toHaveLength(3 + 3 + 3 + 1 + 1); // private default routes, NAT gateways, public subnet links, public default route, internet gateway
    expect(Math.max(...created)).toBeLessThan(Math.min(...removing));
  }, 180_000);

  test("egress none → nat: NAT gateways, then routes through them, and only then are endpoints removed", async () => {
    // GIVEN egress none applied; WHEN egress becomes nat and is applied
    const log = await three.apply(networkStack({ azCount: 3, egress: "nat" }));
    const nats = linesOf(log, /^aws_nat_gateway\.network_nat-\d: Creation complete/);
    const routes = linesOf(log, /^aws_route\.network_private-routes-\d-default-route: Creation complete/);
    const removing = linesOf(
      log,
      /^aws_(vpc_endpoint|security_group|vpc_security_group_ingress_rule)\.network_endpoints_[\w.-]+: Destroying/,
    );
    // THEN
    expect(nats).toHaveLength(3);
    expect(routes).toHaveLength(3);
    expect(removing).toHaveLength(15);
    expect(Math.max(...nats)).toBeLessThan(Math.min(...routes));
    expect(Math.max(...routes)).toBeLessThan(Math.min(...removing));
  }, 180_000);
});
