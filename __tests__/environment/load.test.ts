import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { ConfigError, environmentFiles, loadEnvironments, parseEnvironment } from "../../environment/load";
import { devInput, merge } from "../support/environment";

/** Problems reported for a YAML text, one line each. */
function problemsOf(text: string, file = "config/dev.yaml"): string[] {
  return parseEnvironment(text, file).lines;
}
const withDev = (overrides: Record<string, unknown>) => stringify(merge(devInput(), overrides));

describe("parseEnvironment", () => {
  test("the shipped dev.yaml is valid and gets every default", () => {
    // GIVEN the shipped dev.yaml WHEN parsed THEN no problem, and its name, region and network as written
    const { config, lines } = parseEnvironment(stringify(devInput()), "config/dev.yaml");
    expect(lines).toEqual([]);
    expect(config).toMatchObject({
      name: "dev",
      region: "eu-west-1",
      network: { cidr: "10.0.0.0/16", azCount: 3, egress: "nat", singleNatGateway: true, flowLogs: { retentionDays: 365 } },
    });
  });

  test("a minimal file gets the secure defaults", () => {
    // GIVEN a file with only name and region WHEN parsed THEN the default network (3 zones, layout v2, NAT, a NAT gateway per zone, flow logs kept 365 days) and empty tags
    const { config } = parseEnvironment("name: qa\nregion: us-east-1\n", "config/qa.yaml");
    expect(config?.network).toEqual({
      cidr: "10.0.0.0/16",
      azCount: 3,
      subnetLayout: "v2",
      egress: "nat",
      singleNatGateway: false,
      flowLogs: { retentionDays: 365 },
    });
    expect(config?.tags).toEqual({});
  });

  test("an invalid CIDR names the file, the key path and an example", () => {
    // GIVEN dev.yaml with a /33 network CIDR THEN one problem naming the file, network.cidr and an example CIDR
    expect(problemsOf(withDev({ network: { cidr: "10.0.0.0/33" } }))).toEqual([
      'config/dev.yaml: network.cidr: "10.0.0.0/33" is not an IPv4 CIDR (example: 10.0.0.0/16)',
    ]);
  });

  test("a CIDR too small for the subnets", () => {
    // GIVEN a /27 network for 2 zones in the stable layout (v2) THEN it is refused: v2 keeps room for 6 zones and needs a /22
    expect(problemsOf(withDev({ network: { cidr: "10.0.0.0/27", azCount: 2 } }))).toEqual([
      "config/dev.yaml: network.cidr: 10.0.0.0/27 is too small for the stable subnet layout (subnetLayout v2), which keeps room for 6 zones (private /30, public /33, each at least /28); use a /22 or larger (example: 10.0.0.0/16)",
    ]);
    // AND the same in layout v1 THEN refused with the size 2 zones need (a /25), or fewer zones
    // with the earlier layout, the size needed depends on azCount
    expect(problemsOf(withDev({ network: { cidr: "10.0.0.0/27", azCount: 2, subnetLayout: "v1" } }))).toEqual([
      "config/dev.yaml: network.cidr: 10.0.0.0/27 is too small for 2 private + 2 public subnets (each at least /28); use a /25 or larger (example: 10.0.0.0/16), or lower azCount",
    ]);
  });

  test.each([
    [1, "config/dev.yaml: network.azCount: 1 is out of range; use 2 to 6"],
    [7, "config/dev.yaml: network.azCount: 7 is out of range; use 2 to 6"],
    ["three", 'config/dev.yaml: network.azCount: expected a number, got "three" (example: 3)'],
  ])("azCount %p is refused", (azCount, message) => {
    // GIVEN dev.yaml with an azCount below 2, above 6 or not a number THEN one problem saying so
    expect(problemsOf(withDev({ network: { azCount } }))).toEqual([message]);
  });

  test("unknown keys are errors, with the closest allowed key", () => {
    // GIVEN an unknown network key and a misspelt top-level key THEN each is a problem listing the allowed keys, the misspelling with a did-you-mean
    expect(problemsOf(withDev({ network: { cidrBlock: "10.0.0.0/16" }, regoin: "x" }))).toEqual([
      "config/dev.yaml: network.cidrBlock: unknown key; allowed keys here: cidr, azCount, availabilityZoneIds, availabilityZones, subnetLayout, egress, singleNatGateway, flowLogs",
      'config/dev.yaml: regoin: unknown key; did you mean "region"? allowed keys here: name, region, tags, network, cluster, nodeGroups, addons, bastion, accessEntries, legacyAwsAuth, inCluster, podRoles, backend',
    ]);
  });

  test("wrong types and values say what was expected", () => {
    // GIVEN tags as a list, egress in the wrong case and a string for singleNatGateway THEN one problem each, saying what is expected
    expect(problemsOf(withDev({ network: { egress: "NAT", singleNatGateway: "yes" }, tags: ["a"] }))).toEqual([
      'config/dev.yaml: tags: expected a mapping, got a list (example: {"Environment":"dev"})',
      'config/dev.yaml: network.egress: "NAT" is not allowed; use one of nat, none (case-sensitive)',
      'config/dev.yaml: network.singleNatGateway: expected true or false, got "yes"',
    ]);
  });

  test("missing required keys", () => {
    // GIVEN a file without name and region THEN one problem each, with an example
    expect(problemsOf("network: {}\n", "config/x.yaml")).toEqual([
      "config/x.yaml: name: is required; add it (example: dev)",
      "config/x.yaml: region: is required; add it (example: eu-west-1)",
    ]);
  });

  test("YAML syntax errors name the line", () => {
    // GIVEN an unclosed flow sequence, and a duplicated key THEN each is a YAML syntax problem naming its line and column
    expect(problemsOf("name: dev\nregion: [eu-west-1\n")).toEqual([
      "config/dev.yaml: line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the YAML syntax there",
    ]);
    expect(problemsOf("name: dev\nname: qa\nregion: eu-west-1\n")).toEqual([
      "config/dev.yaml: line 2, column 1: Map keys must be unique; fix the YAML syntax there",
    ]);
  });

  test("the YAML mistakes users meet most, in words with the fix, one message each", () => {
    // GIVEN an unquoted *, a *name without its anchor, an over-indented key, and two documents
    // WHEN parsed THEN each is one line at the mistake, saying what to write
    expect(problemsOf("name: dev\nregion: eu-west-1\npodRoles: [{namespace: app, serviceAccountName: *, mechanism: irsa}]\n")).toEqual([
      'config/dev.yaml: line 3, column 49: an unquoted * starts a YAML alias; quote it: "*"',
    ]);
    expect(problemsOf("name: dev\nregion: eu-west-1\ntags: {team: *ops}\n")).toEqual([
      'config/dev.yaml: line 3, column 14: *ops starts a YAML alias, and no anchor &ops is defined before it; quote it: "*ops"',
    ]);
    expect(problemsOf("name: dev\n  region: eu-west-1\n")).toEqual([
      'config/dev.yaml: line 2, column 3: "region" is indented deeper than "name" on line 1, so YAML reads it as part of that value; indent "region" like "name"',
    ]);
    expect(problemsOf("name: dev\nregion: eu-west-1\n---\nname: qa\n")).toEqual([
      "config/dev.yaml: line 3, column 1: a second YAML document starts here (---); an environment file holds one environment: move the second one to its own config/<name>.yaml",
    ]);
  });

  test("rules comparing keys still run where their keys are well-formed, with indexes of the whole list", () => {
    // GIVEN duplicate names around a group whose name is not a string, and a type error in the file
    const text = stringify({
      name: "dev",
      region: "eu-west-1",
      network: { azCount: "three" },
      nodeGroups: [{ name: "a" }, { name: 7 }, { name: "a", minSize: 3, maxSize: 1 }, { name: "b", minSize: "2", maxSize: 1 }],
      podRoles: [
        { namespace: "app", serviceAccountName: "x", mechanism: "IRSA" },
        { namespace: "app", serviceAccountName: 1 },
        { namespace: "app", serviceAccountName: "x", permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
      ],
    });
    // WHEN parsed THEN the duplicate points at nodeGroups[2] and [0], the sizing rule runs where the
    // sizes are numbers (not for nodeGroups[3], whose minSize is a string), and pod roles likewise
    expect(problemsOf(text)).toEqual([
      'config/dev.yaml: network.azCount: expected a number, got "three" (example: 3)',
      "config/dev.yaml: nodeGroups[1].name: expected a string, got 7 (example: general)",
      "config/dev.yaml: nodeGroups[2].minSize: 3 is greater than maxSize (1); make minSize ≤ desiredSize ≤ maxSize",
      'config/dev.yaml: nodeGroups[2].name: "a" is already used by nodeGroups[0]; give every node group its own name',
      'config/dev.yaml: nodeGroups[3].minSize: expected a number, got "2"',
      'config/dev.yaml: podRoles[0].mechanism: "IRSA" is not allowed; use one of podIdentity, irsa (case-sensitive)',
      "config/dev.yaml: podRoles[1].serviceAccountName: expected a string, got 1 (example: s3-reader)",
      "config/dev.yaml: podRoles[2].serviceAccountName: app/x already has a role at podRoles[0]; a service account gets one role per cluster — merge the permissions into that one",
    ]);
  });

  test("an empty file", () => {
    // GIVEN a file of only a comment THEN one problem: the file is empty and needs name and region
    expect(problemsOf("# nothing yet\n")).toEqual([
      "config/dev.yaml: (top level): the file is empty; it needs at least name and region (start from config/dev.yaml)",
    ]);
  });

  test("a file that is not a mapping", () => {
    // GIVEN a file whose top level is a list THEN one problem: a mapping is expected
    expect(problemsOf("- name: dev\n")).toEqual(["config/dev.yaml: (top level): expected a mapping, got a list"]);
  });

  test("every problem is reported at once", () => {
    // GIVEN dev.yaml with a bad name, CIDR, azCount and flow-log retention WHEN parsed
    // THEN all four are reported, the last listing the CloudWatch Logs retention periods
    const lines = problemsOf(withDev({ name: "Dev!", network: { cidr: "nope", azCount: 9, flowLogs: { retentionDays: 12 } } }));
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe(
      "config/dev.yaml: network.flowLogs.retentionDays: 12 is not a CloudWatch Logs retention period; use one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (0 keeps logs forever; at least 365 is recommended)",
    );
  });
});

describe("loading files", () => {
  const dir = mkdtempSync(join(tmpdir(), "private-eks-config-"));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  function errorOf(fn: () => unknown): string[] {
    try {
      fn();
    } catch (e) {
      if (e instanceof ConfigError) return e.lines;
      throw e;
    }
    throw new Error("expected a ConfigError");
  }

  test("problems of several files come together; a directory or missing file is a problem too", () => {
    // GIVEN an environment file with a bad azCount, a directory named like one, and a path that does not exist
    // WHEN loaded together THEN one problem for each, in order
    const bad = file("bad.yaml", "name: bad\nregion: eu-west-1\nnetwork: {azCount: 1}\n");
    mkdirSync(join(dir, "sub.yaml"), { recursive: true });
    expect(errorOf(() => loadEnvironments([bad, join(dir, "sub.yaml"), join(dir, "gone.yaml")]))).toEqual([
      `${bad}: network.azCount: 1 is out of range; use 2 to 6`,
      `${join(dir, "sub.yaml")}: (file): is a directory, not a file; name a .yaml file inside it`,
      `${join(dir, "gone.yaml")}: (file): does not exist; check the path`,
    ]);
  });

  test("two environments with one name", () => {
    // GIVEN the same environment as .yaml and as .yml (the only way two files can carry one name)
    const a = file("same.yaml", "name: same\nregion: eu-west-1\n");
    const b = file("same.yml", "name: same\nregion: eu-west-1\n");
    expect(errorOf(() => loadEnvironments([a, b]))).toEqual([
      `${b}: name: "same" is already used by ${a}; every environment needs its own name`,
    ]);
  });

  describe("the file name is the environment", () => {
    test("a name that differs from the file name is an error naming both and the fix, reported with the file's other problems", () => {
      // GIVEN config/prod-eu.yaml that calls itself production and has another mistake
      const prod = file("prod-eu.yaml", "name: production\nregion: eu-west-1\nnetwork: {azCount: 1}\n");
      // WHEN it is loaded THEN both problems are reported, the name first
      expect(errorOf(() => loadEnvironments([prod]))).toEqual([
        `${prod}: name: "production" does not match the file name prod-eu.yaml; the file name is the environment (config/<name>.yaml): rename the file to production.yaml or set name: prod-eu`,
        `${prod}: network.azCount: 1 is out of range; use 2 to 6`,
      ]);
    });

    test("a file name that cannot be an environment name gets only the rename fix; .yml keeps its extension", () => {
      // GIVEN Prod_EU.yml that calls itself prod-eu WHEN loaded THEN the mismatch, with only the fix of renaming to prod-eu.yml
      const odd = file("Prod_EU.yml", "name: prod-eu\nregion: eu-west-1\n");
      expect(errorOf(() => loadEnvironments([odd]))).toEqual([
        `${odd}: name: "prod-eu" does not match the file name Prod_EU.yml; the file name is the environment (config/<name>.yaml): rename the file to prod-eu.yml`,
      ]);
    });

    test("an invalid or missing name gets the schema's message only", () => {
      // GIVEN qa.yaml named QA and stage.yaml without a name WHEN loaded THEN only the name rule's and the required-key problems, no file-name mismatch
      const invalid = file("qa.yaml", "name: QA\nregion: eu-west-1\n");
      const missing = file("stage.yaml", "region: eu-west-1\n");
      expect(errorOf(() => loadEnvironments([invalid, missing]))).toEqual([
        `${invalid}: name: "QA" is not an environment name; use 1-40 lower-case letters, digits and "-", starting with a letter (example: dev)`,
        `${missing}: name: is required; add it (example: dev)`,
      ]);
    });

    test("matching names load, .yaml and .yml alike", () => {
      // GIVEN qa.yml named qa WHEN loaded THEN the environment qa
      const qa = file("qa.yml", "name: qa\nregion: eu-west-1\n");
      expect(loadEnvironments([qa]).map((e) => e.config.name)).toEqual(["qa"]);
    });
  });

  test("a missing or empty config directory", () => {
    // GIVEN a config directory that does not exist WHEN its environment files are listed THEN a problem saying to create it
    expect(errorOf(() => environmentFiles(join(dir, "nope")))).toEqual([
      `${join(dir, "nope")}: (directory): does not exist; create it with one <environment>.yaml per environment (see README "Adding an environment")`,
    ]);
    // AND a directory with no .yaml file in it THEN a problem saying to add one
    const empty = mkdtempSync(join(tmpdir(), "private-eks-empty-"));
    writeFileSync(join(empty, "notes.txt"), "");
    expect(errorOf(() => environmentFiles(empty))).toEqual([
      `${empty}: (directory): holds no .yaml files; add one <environment>.yaml per environment (see README "Adding an environment")`,
    ]);
  });

  test("environment files are found sorted", () => {
    // GIVEN a directory with b.yaml, a.yml and a README WHEN its environment files are listed THEN a.yml and b.yaml, sorted
    const d = mkdtempSync(join(tmpdir(), "private-eks-sorted-"));
    writeFileSync(join(d, "b.yaml"), "");
    writeFileSync(join(d, "a.yml"), "");
    writeFileSync(join(d, "README.md"), "");
    expect(environmentFiles(d)).toEqual([join(d, "a.yml"), join(d, "b.yaml")]);
  });
});
