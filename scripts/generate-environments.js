"use strict";
// Generates large environments for the scale bench (and the determinism test): N access entries
// with two policies each, M pod roles, and K copies of an environment.
const { stringify } = require("yaml");

/** One environment with `entries` access entries (2 policies each) and `podRoles` pod roles. */
function largeEnvironment({ name = "large", entries = 1000, podRoles = 300, index = 0 } = {}) {
  return {
    name,
    region: "eu-west-1",
    tags: { Environment: name },
    network: { cidr: `10.${index}.0.0/16`, singleNatGateway: true },
    accessEntries: Array.from({ length: entries }, (_, i) => ({
      principalARN: `arn:aws:iam::111122223333:${i % 5 === 0 ? "user" : "role"}/team-${i}`,
      accessPolicies: [
        { policyARN: "AmazonEKSViewPolicy", accessScope: { type: "namespace", namespaces: [`team-${i}`, "shared-*"] } },
        { policyARN: "AmazonEKSEditPolicy", accessScope: { type: "namespace", namespaces: [`team-${i}`] } },
      ],
    })),
    podRoles: Array.from({ length: podRoles }, (_, i) => ({
      namespace: `team-${i % 50}`,
      serviceAccountName: `app-${i}`,
      mechanism: i % 3 === 0 ? "irsa" : "podIdentity",
      createServiceAccount: false,
      permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    })),
  };
}

module.exports = { largeEnvironment, toYaml: (env) => stringify(env) };
