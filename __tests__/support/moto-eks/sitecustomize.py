# Loaded by a moto server started with this directory on PYTHONPATH (see ../day2.ts, motoForDay2).
# moto's EKS clusters lack two things AWS always returns, which an applied stack reads back:
# - the cluster security group EKS creates in the VPC (resourcesVpcConfig.clusterSecurityGroupId),
#   which the stack's rules refer to: here a real moto security group, deleted with the cluster;
# - accessConfig.authenticationMode, as requested (moto drops it: every re-plan would update it).
# - node groups as requested: moto fills in an SSH key (remote access, which forces replacement),
#   a disk size and instance types beside a launch template, Kubernetes 1.19 instead of the
#   cluster's version, and drops updateConfig (maxUnavailable).
# - a launch template's own tags (TagSpecifications of type launch-template) copied into its
#   data, where AWS never puts them: every re-plan would update the template.
# And EC2 MonitorInstances/UnmonitorInstances, which moto leaves unimplemented (an error the AWS
# provider retries for minutes after creating an instance with detailed monitoring); likewise
# CloudWatch Logs AssociateKmsKey/DisassociateKmsKey, which set the key of an adopted log group
# (one EKS wrote again after a destroy, imported by the stack and then given its KMS key).
try:
    from moto.ec2.models import ec2_backends
    from moto.eks.models import EKSBackend
    from moto.eks.responses import EKSResponse
    from moto.core.responses import ActionResult
    from moto.ec2.responses.monitoring import Monitoring
    from moto.ec2.models.instances import Instance
    from moto.ec2.models.launch_templates import LaunchTemplateBackend
    from moto.logs.responses import LogsResponse
except ImportError:  # not moto's interpreter: nothing to patch
    EKSResponse = None

if EKSResponse is not None:
    _create_cluster = EKSResponse.create_cluster
    _delete_cluster = EKSBackend.delete_cluster

    def create_cluster(self):
        result = _create_cluster(self)
        cluster = self.eks_backend.clusters[self._get_param("name")]
        access = self._get_param("accessConfig") or {}
        cluster.access_config = {"authenticationMode": access.get("authenticationMode", "CONFIG_MAP")}
        ec2 = ec2_backends[self.current_account][self.region]
        subnets = cluster.resources_vpc_config.get("subnetIds") or []
        if subnets:
            vpc_id = ec2.get_subnet(subnets[0]).vpc_id
            group = ec2.create_security_group(
                name=f"eks-cluster-sg-{cluster.name}",
                description="EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as any managed workloads.",
                vpc_id=vpc_id,
                tags={"aws:eks:cluster-name": cluster.name},
            )
            cluster.resources_vpc_config["clusterSecurityGroupId"] = group.id
            cluster.resources_vpc_config["vpcId"] = vpc_id
        return result

    def delete_cluster(self, name):
        cluster = self.clusters.get(name)
        group_id = cluster.resources_vpc_config.get("clusterSecurityGroupId") if cluster else None
        result = _delete_cluster(self, name)
        if group_id:
            ec2_backends[self.account_id][self.region_name].delete_security_group(group_id=group_id)
        return result

    EKSResponse.create_cluster = create_cluster
    EKSBackend.delete_cluster = delete_cluster

    def _set_monitoring(self, state):
        self.error_on_dryrun()
        out = []
        for instance_id in self._get_param("InstanceIds", []):
            self.ec2_backend.get_instance(instance_id).monitoring_state = state
            out.append({"InstanceId": instance_id, "Monitoring": {"State": state}})
        return ActionResult({"InstanceMonitorings": out})

    Monitoring.monitor_instances = lambda self: _set_monitoring(self, "enabled")
    Monitoring.unmonitor_instances = lambda self: _set_monitoring(self, "disabled")

    _create_nodegroup = EKSResponse.create_nodegroup

    def create_nodegroup(self):
        result = _create_nodegroup(self)
        cluster = self.eks_backend.clusters[self._get_param("name")]
        group = cluster.nodegroups[self._get_param("nodegroupName")]
        template = self._get_param("launchTemplate")
        if self._get_param("remoteAccess") is None:
            group.remote_access = None
        if template and self._get_param("diskSize") is None:
            group.disk_size = None
        if template and self._get_param("instanceTypes") is None:
            group.instance_types = None
        if self._get_param("version") is None:
            group.version = cluster.version
        if self._get_param("updateConfig") is not None:
            group.update_config = self._get_param("updateConfig")
        return result

    EKSResponse.create_nodegroup = create_nodegroup

    # An instance created with its network interface spelled out (subnet, groups, no public
    # address): moto reports no security groups on the instance, and
    # a network interface's AssociatePublicIpAddress arrives as the string "false", which moto
    # treats as true: the bastion in a private subnet got a public address.
    _prep_nics = Instance.prep_nics

    def prep_nics(self, nic_spec, *args, **kwargs):
        for nic in nic_spec or []:
            value = nic.get("AssociatePublicIpAddress")
            if isinstance(value, str):
                nic["AssociatePublicIpAddress"] = value.lower() == "true"
        result = _prep_nics(self, nic_spec, *args, **kwargs)
        # Security groups given on the interface are the instance's groups, as AWS reports them.
        primary = self.nics.get(0)
        if not self.security_groups and primary is not None:
            self.security_groups = list(primary._group_set)
        return result

    Instance.prep_nics = prep_nics

    _create_launch_template = LaunchTemplateBackend.create_launch_template

    def create_launch_template(self, name, description, template_data, tag_spec):
        specs = template_data.get("TagSpecifications")
        if specs:
            template_data["TagSpecifications"] = [t for t in specs if t.get("ResourceType") != "launch-template"]
        return _create_launch_template(self, name, description, template_data, tag_spec)

    LaunchTemplateBackend.create_launch_template = create_launch_template

    def _set_log_group_key(self, key_id):
        name = self._get_param("logGroupName")
        group = self.logs_backend.groups.get(name)
        if group is None:
            from moto.logs.exceptions import ResourceNotFoundException

            raise ResourceNotFoundException()
        group.kms_key_id = key_id
        return ""

    LogsResponse.associate_kms_key = lambda self: _set_log_group_key(self, self._get_param("kmsKeyId"))
    LogsResponse.disassociate_kms_key = lambda self: _set_log_group_key(self, None)
