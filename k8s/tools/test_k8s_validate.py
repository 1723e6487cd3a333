#!/usr/bin/env python3
"""Tests of the validator itself: a good set of objects passes, and each planted fault is found (dev/k8s-render
--validate runs them before it trusts the validator with the overlays).

    /usr/bin/python3 k8s/tools/test_k8s_validate.py
"""
import copy
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import k8s_validate as v  # noqa: E402

SCHEMAS = v.Schemas()

GOOD = v.load("""
apiVersion: v1
kind: ServiceAccount
metadata: {name: app}
automountServiceAccountToken: false
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data: {QUARKUS_HTTP_HOST: 0.0.0.0, QUARKUS_HTTP_PORT: "8080"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  replicas: 2
  selector: {matchLabels: {app.kubernetes.io/name: app}}
  template:
    metadata: {labels: {app.kubernetes.io/name: app}}
    spec:
      serviceAccountName: app
      automountServiceAccountToken: false
      enableServiceLinks: false
      securityContext: {runAsNonRoot: true, runAsUser: 185, seccompProfile: {type: RuntimeDefault}}
      topologySpreadConstraints:
        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway,
           labelSelector: {matchLabels: {app.kubernetes.io/name: app}}}
      containers:
        - name: app
          image: lobsterops/app:0.1.0
          ports: [{name: http, containerPort: 8080}, {name: management, containerPort: 9000}]
          envFrom: [{configMapRef: {name: app-config}}]
          env:
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: app-db, key: password}}
            - name: KAFKA_SASL_JAAS_CONFIG
              valueFrom: {secretKeyRef: {name: app, key: sasl.jaas.config}}
          startupProbe: {httpGet: {path: /q/health/started, port: management}, failureThreshold: 60}
          readinessProbe: {httpGet: {path: /q/health/ready, port: management}}
          livenessProbe: {httpGet: {path: /q/health/live, port: management}}
          resources: {requests: {cpu: 200m, memory: 512Mi}, limits: {memory: 768Mi}}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          volumeMounts: [{name: tmp, mountPath: /tmp}]
      volumes: [{name: tmp, emptyDir: {sizeLimit: 128Mi}}]
---
apiVersion: v1
kind: Service
metadata: {name: app}
spec:
  selector: {app.kubernetes.io/name: app}
  ports: [{name: http, port: 8080, targetPort: http}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: app}
spec: {maxUnavailable: 1, selector: {matchLabels: {app.kubernetes.io/name: app}}}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: app-db}
spec:
  secretStoreRef: {kind: ClusterSecretStore, name: store}
  target: {name: app-db}
  dataFrom: [{extract: {key: lobsterops/app-db}}]
---
apiVersion: kafka.strimzi.io/v1
kind: KafkaUser
metadata: {name: app, labels: {strimzi.io/cluster: lobsterops}}
spec:
  authentication: {type: scram-sha-512}
  authorization:
    type: simple
    acls: [{resource: {type: topic, name: engagement-events, patternType: literal}, operations: [Read, Write]}]
---
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: db}
spec:
  instances: 1
  storage: {size: 1Gi}
  postgresql: {parameters: {max_connections: "250"}}
""")


def objects(**changes):
    """The good set, with the object Kind/name changed by a function."""
    objs = copy.deepcopy(GOOD)
    for o in objs:
        key = f"{o['kind']}/{o['metadata']['name']}"
        if key in changes:
            changes[key](o)
    return objs


def container(o):
    return o["spec"]["template"]["spec"]["containers"][0]


def findings(objs, prod=True):
    return [f for _, f in v.validate(objs, prod=prod, schemas=SCHEMAS)]


class ValidatorTest(unittest.TestCase):

    def assertFound(self, objs, fragment, prod=True):
        found = findings(objs, prod)
        self.assertTrue(any(fragment in f for f in found), f"expected a finding with {fragment!r}, got {found}")

    def test_the_good_set_passes(self):
        self.assertEqual(findings(GOOD), [])

    def test_an_unknown_field_in_a_deployment_is_refused(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: o["spec"].update(replica=2)}), "unknown field 'replica'")

    def test_an_unknown_field_deep_in_a_container_is_refused(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: container(o).update(imagePullPolice="Always")}),
                         "unknown field 'imagePullPolice'")

    def test_a_wrong_type_is_refused(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: o["spec"].update(replicas="two")}), "replicas")

    def test_a_quantity_and_an_int_or_string_take_both_forms(self):
        def change(o):
            container(o)["resources"]["requests"]["cpu"] = 1
            container(o)["startupProbe"]["httpGet"]["port"] = 9000
        self.assertEqual(findings(objects(**{"Deployment/app": change})), [])

    def test_an_unknown_field_in_a_custom_resource_is_refused(self):
        self.assertFound(objects(**{"KafkaUser/app": lambda o: o["spec"]["authorization"]["acls"][0].update(
            operation="Read")}), "unknown field 'operation'")

    def test_a_wrong_enum_in_a_custom_resource_is_refused(self):
        self.assertFound(objects(**{"KafkaUser/app": lambda o: o["spec"]["authentication"].update(type="scram")}),
                         "authentication/type")

    def test_an_api_version_the_operator_no_longer_serves_is_refused(self):
        self.assertFound(objects(**{"KafkaUser/app": lambda o: o.update(apiVersion="kafka.strimzi.io/v1beta2")}),
                         "not served")

    def test_an_unknown_field_in_the_metadata_of_a_custom_resource_is_refused(self):
        self.assertFound(objects(**{"Cluster/db": lambda o: o["metadata"].update(label={"a": "b"})}),
                         "unknown field 'label'")

    def test_a_privileged_container_fails_the_restricted_profile(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: container(o)["securityContext"].update(
            privileged=True)}), "restricted: container app: privileged")

    def test_a_container_that_may_escalate_fails_the_restricted_profile(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: container(o)["securityContext"].pop(
            "allowPrivilegeEscalation")}), "allowPrivilegeEscalation")

    def test_root_and_no_seccomp_fail_the_restricted_profile(self):
        def change(o):
            o["spec"]["template"]["spec"]["securityContext"] = {}
        found = findings(objects(**{"Deployment/app": change}))
        self.assertTrue(any("runAsNonRoot" in f for f in found), found)
        self.assertTrue(any("seccompProfile" in f for f in found), found)

    def test_an_unsafe_sysctl_or_selinux_role_fails_the_restricted_profile(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: o["spec"]["template"]["spec"]["securityContext"].update(
            sysctls=[{"name": "kernel.msgmax", "value": "1"}])}), "sysctl kernel.msgmax")
        self.assertFound(objects(**{"Deployment/app": lambda o: container(o)["securityContext"].update(
            seLinuxOptions={"type": "spc_t"})}), "seLinuxOptions")

    def test_a_host_path_volume_fails_the_restricted_profile(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: o["spec"]["template"]["spec"]["volumes"].append(
            {"name": "host", "hostPath": {"path": "/"}})}), "hostPath")

    def test_a_writable_root_filesystem_is_refused(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: container(o)["securityContext"].pop(
            "readOnlyRootFilesystem")}), "readOnlyRootFilesystem")

    def test_a_container_without_limits_or_probes_is_refused(self):
        def change(o):
            container(o).pop("resources")
            container(o).pop("startupProbe")
        found = findings(objects(**{"Deployment/app": change}))
        self.assertTrue(any("limits.memory" in f for f in found), found)
        self.assertTrue(any("startupProbe" in f for f in found), found)

    def test_the_default_service_account_or_a_mounted_token_is_refused(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: o["spec"]["template"]["spec"].pop(
            "serviceAccountName")}), "default ServiceAccount")

        def token(o):
            o["spec"]["template"]["spec"].pop("automountServiceAccountToken")
        objs = objects(**{"Deployment/app": token, "ServiceAccount/app": lambda o: o.pop("automountServiceAccountToken")})
        self.assertFound(objs, "token is mounted")

    def test_a_deployment_without_a_disruption_budget_is_refused(self):
        objs = [o for o in GOOD if o["kind"] != "PodDisruptionBudget"]
        self.assertFound(objs, "no PodDisruptionBudget")

    def test_a_secret_no_one_declares_is_found(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: container(o)["env"].append(
            {"name": "LOBSTEROPS_PROVISIONING_SECRETS_KEY",
             "valueFrom": {"secretKeyRef": {"name": "provisioning-service-secrets", "key": "k"}}})}),
            "Secret provisioning-service-secrets is neither in the render")

    def test_a_secret_written_by_an_operator_counts_as_declared(self):
        # the KafkaUser app makes Strimzi write Secret app: the good set reads it and passes (test_the_good_set_passes)
        objs = [o for o in GOOD if o["kind"] != "KafkaUser"]
        self.assertFound(objs, "Secret app is neither in the render")

    def test_a_missing_config_map_is_found(self):
        objs = [o for o in GOOD if o["kind"] != "ConfigMap"]
        self.assertFound(objs, "ConfigMap app-config is not in the render")

    def test_a_service_that_selects_nothing_is_found(self):
        self.assertFound(objects(**{"Service/app": lambda o: o["spec"].update(selector={"app": "other"})}),
                         "selects no pod")

    def test_a_plaintext_secret_fails_a_prod_render_only(self):
        secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "leak"},
                  "stringData": {"password": "hunter2"}}
        self.assertFound(GOOD + [secret], "a Secret in a prod render", prod=True)
        self.assertEqual(findings(GOOD + [secret], prod=False), [])

    def test_a_literal_secret_in_the_environment_is_refused(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: container(o)["env"].append(
            {"name": "LOBSTEROPS_BILLING_STRIPE_API_KEY", "value": "sk_live_123"})}), "has a literal value",
            prod=False)

    def test_a_secret_name_in_a_config_map_is_refused(self):
        self.assertFound(objects(**{"ConfigMap/app-config": lambda o: o["data"].update(
            QUARKUS_DATASOURCE_PASSWORD="x")}), "holds QUARKUS_DATASOURCE_PASSWORD", prod=False)

    def test_a_snapshot_or_latest_image_is_refused(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: container(o).update(
            image="lobsterops/app:0.1.0-SNAPSHOT")}), "has no release tag")
        self.assertFound(objects(**{"Deployment/app": lambda o: container(o).update(image="lobsterops/app")}),
                         "has no release tag")

    def test_a_build_time_annotation_on_the_pods_is_refused(self):
        self.assertFound(objects(**{"Deployment/app": lambda o: o["spec"]["template"]["metadata"].update(
            annotations={"app.quarkus.io/build-timestamp": "2026-12-01 - 22:00:00 +0000"})}), "changes with every build")

    def test_a_document_without_a_kind_is_refused(self):
        self.assertFound(GOOD + [{"apiVersion": "v1", "metadata": {"name": "x"}}], "without apiVersion, kind")


if __name__ == "__main__":
    unittest.main(verbosity=1)
