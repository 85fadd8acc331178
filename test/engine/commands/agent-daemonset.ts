/** The DaemonSet the kubectl tests apply as `agent.yaml`: one `nginx:1.26` pod per node. */
export const AGENT_DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: nginx:1.26
`;
