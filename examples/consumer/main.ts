// A platform team's own cdktf app: its own stack, names and VPC layout, built from the package's
// constructs instead of its YAML environments.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AccessPolicies, Bastion, ClusterAddons, Network, PodRoles, PrivateCluster } from "cdktf-private-eks";

class PaymentsPlatform extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-east-1", defaultTags: [{ tags: { Team: "payments" } }] });

    const network = new Network(this, "payments-network", { name: "payments", cidr: "10.40.0.0/16", azCount: 2, egress: "none" });
    const cluster = new PrivateCluster(this, "payments-eks", {
      name: "payments-prod",
      subnetIds: network.privateSubnetIds,
      version: "1.35",
    });
    // The cluster orders them: vpc-cni, kube-proxy, pod identity agent → node groups → CoreDNS.
    const addons = new ClusterAddons(this, "payments-addons", { cluster });
    cluster.addNodeGroup({ name: "workers", instanceTypes: ["m7g.large"], minSize: 3, maxSize: 9 });

    // The tunnel needs no Kubernetes access: operators authenticate as themselves through it.
    new Bastion(this, "payments-bastion", {
      name: "payments-prod",
      vpcId: network.vpc.id,
      vpcCidr: network.cidr,
      subnetId: network.privateSubnetIds[0],
      cluster,
      internetEgress: false,
    });
    cluster.grantAccess("arn:aws:iam::111122223333:role/payments-oncall", {
      accessPolicies: [{ policyARN: AccessPolicies.EDIT, accessScope: { type: "namespace", namespaces: ["payments", "payments-*"] } }],
    });

    const pods = new PodRoles(this, "payments-pods", {
      cluster,
      podIdentityAgent: addons.podIdentityAgent,
      namePrefix: "payments-prod",
    });
    pods.add({
      namespace: "payments",
      serviceAccountName: "ledger",
      permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"],
    });

    new TerraformOutput(this, "cluster_endpoint", { value: cluster.endpoint, description: "Private API endpoint of payments-prod." });
  }
}

const app = new App();
new PaymentsPlatform(app, "payments-platform");
app.synth();
