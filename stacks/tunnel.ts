/** The local port the tunnel listens on. */
export const TUNNEL_LOCAL_PORT = 8443;

/** Session Manager port forwarding from localhost:8443 through the bastion to the endpoint on 443. */
export function tunnelCommand(bastionInstanceId: string, endpointHost: string): string {
  return (
    `aws ssm start-session --target ${bastionInstanceId} --document-name AWS-StartPortForwardingSessionToRemoteHost ` +
    `--parameters host=${endpointHost},portNumber=443,localPortNumber=${TUNNEL_LOCAL_PORT}`
  );
}

/**
 * A kubeconfig for the tunnel. The API certificate names the endpoint host, not localhost, so
 * `tls-server-name` keeps TLS verification on; `aws eks get-token` authenticates (exec plugin).
 */
export function kubeconfigThroughTunnel(c: { clusterName: string; endpointHost: string; certificateAuthority: string; region: string }): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    `  - name: ${c.clusterName}`,
    "    cluster:",
    `      server: https://localhost:${TUNNEL_LOCAL_PORT}`,
    `      tls-server-name: ${c.endpointHost}`,
    `      certificate-authority-data: ${c.certificateAuthority}`,
    "contexts:",
    `  - name: ${c.clusterName}`,
    "    context:",
    `      cluster: ${c.clusterName}`,
    `      user: ${c.clusterName}`,
    `current-context: ${c.clusterName}`,
    "users:",
    `  - name: ${c.clusterName}`,
    "    user:",
    "      exec:",
    "        apiVersion: client.authentication.k8s.io/v1beta1",
    "        command: aws",
    `        args: [eks, get-token, --cluster-name, ${c.clusterName}, --region, ${c.region}]`,
    "",
  ].join("\n");
}
