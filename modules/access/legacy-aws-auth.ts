import { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { kubernetesModule } from "../shared/kubernetes-bindings";
import { stringify } from "yaml";
import { AwsAuthMapping, NODE_GROUPS, NODE_USERNAME } from "./legacy-aws-auth-rules";

export interface LegacyAwsAuthProps {
  /** Roles of the managed node groups: always mapped, so taking ownership cannot lock nodes out. */
  readonly nodeRoleArns: string[];
  /** @default - none */
  readonly mapRoles?: AwsAuthMapping[];
  /** @default - none */
  readonly mapUsers?: AwsAuthMapping[];
}

/**
 * The aws-auth mappings kept while migrating to access entries (`API_AND_CONFIG_MAP`).
 *
 * Written with `kubernetes_config_map_v1_data` and `force = true`: Terraform patches the ConfigMap
 * that EKS created for the managed node groups instead of creating it, so there is no "configmap
 * aws-auth does not exist" race and no "already exists" race. Terraform takes ownership of
 * `mapRoles` and `mapUsers`, so the node roles' own mappings are written too.
 */
export class LegacyAwsAuth extends Construct {
  /** A `kubernetes_config_map_v1_data` (typed as its base class: the Kubernetes bindings are an optional peer). */
  readonly configMap: TerraformResource;

  constructor(scope: Construct, id: string, props: LegacyAwsAuthProps) {
    super(scope, id);
    const nodeMappings = props.nodeRoleArns.map((rolearn) => ({ rolearn, username: NODE_USERNAME, groups: [...NODE_GROUPS] }));
    const { ConfigMapV1Data } = kubernetesModule("config-map-v1-data", this.node.path);
    this.configMap = new ConfigMapV1Data(this, "aws-auth", {
      metadata: { name: "aws-auth", namespace: "kube-system" },
      force: true,
      data: {
        mapRoles: stringify([...nodeMappings, ...(props.mapRoles ?? []).map(clean)]),
        mapUsers: stringify((props.mapUsers ?? []).map(clean)),
      },
    });
  }
}

/** aws-auth's own key order, without empty keys. */
function clean(m: AwsAuthMapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (m.rolearn) out.rolearn = m.rolearn;
  if (m.userarn) out.userarn = m.userarn;
  if (m.username) out.username = m.username;
  if (m.groups?.length) out.groups = [...m.groups];
  return out;
}
