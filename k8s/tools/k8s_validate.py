#!/usr/bin/env python3
"""Offline validation of rendered Kubernetes manifests (dev/k8s-render --validate runs it on every overlay).

    k8s_validate.py [--prod] RENDERED.yaml [LABEL]

Checks, with nothing fetched from anywhere (the schemas are vendored under k8s/schemas/ at the pinned versions):
  1. schema: every object against the Kubernetes 1.35 OpenAPI schema, every custom resource against its operator's CRD
     schema (Strimzi, CloudNativePG, Prometheus Operator, External Secrets); an unknown field is an error (the API
     server's strict field validation, the default of kubectl apply, rejects it too); an object of a kind or an
     apiVersion no vendored schema knows is an error (e.g. kafka.strimzi.io/v1beta2, which Strimzi 1.x no longer serves);
  2. the "restricted" Pod Security Standard on every pod template, and the project's own rules on top: read-only root
     filesystem, requests and limits, the three probes, a ServiceAccount of its own without a token, a
     PodDisruptionBudget and topology spread for every Deployment, no service links;
  3. references: every Secret, ConfigMap, ServiceAccount and PersistentVolumeClaim a pod uses is in the render or is one
     an operator writes (Strimzi's KafkaUser and cluster CA secrets, CloudNativePG's), every Service selects a pod;
  4. secrets: an environment variable whose name says it holds a secret never has a literal value; with --prod, no
     Secret object at all (prod secrets come from the secret store through ExternalSecret, never from git).
Exit status 1 when anything is found; each finding is one line "LABEL: Kind/name: what".
"""
import copy
import glob
import json
import os
import re
import sys

import jsonschema
import yaml

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas")
WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"}
SECRET_NAME = re.compile(r"(PASSWORD|SECRET|TOKEN|_KEY$|PRIVATE|JAAS|CREDENTIAL)", re.I)
SAFE_SYSCTLS = {"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
               "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
               "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
               "net.ipv4.tcp_keepalive_probes"}
SELINUX_TYPES = {None, "", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}
SAFE_VOLUMES = {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected",
                "secret"}


class Loader(yaml.SafeLoader):
    """YAML 1.1 without timestamps: a date-like string stays a string, as the API server reads it."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load(text):
    return [d for d in yaml.load_all(text, Loader=Loader) if d]


# ---- schemas ---------------------------------------------------------------------------------------------------------
def _strict(node, crd):
    """OpenAPI (v2 for the core API, v3 structural for CRDs) to JSON Schema as the API server applies it."""
    if isinstance(node, list):
        return [_strict(n, crd) for n in node]
    if not isinstance(node, dict):
        return node
    node = dict(node)
    if isinstance(node.get("properties"), dict):
        node["properties"] = {k: _strict(v, crd) for k, v in node["properties"].items()}
    for k in ("items", "additionalProperties", "not", "allOf", "anyOf", "oneOf"):
        if isinstance(node.get(k), (dict, list)):
            node[k] = _strict(node[k], crd)
    if node.get("x-kubernetes-int-or-string") or node.get("format") == "int-or-string":
        for k in ("type", "format"):
            node.pop(k, None)
        node["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if node.get("nullable") and isinstance(node.get("type"), str):
        node["type"] = [node["type"], "null"]
    preserve = node.get("x-kubernetes-preserve-unknown-fields")
    if not preserve and "additionalProperties" not in node:
        if "properties" in node or (crd and node.get("type") == "object"):
            node["additionalProperties"] = False
    return node


class Schemas:
    def __init__(self, directory=SCHEMAS):
        core_files = sorted(glob.glob(os.path.join(directory, "kubernetes-*.json")))
        if len(core_files) != 1:
            raise SystemExit(f"expected one kubernetes-<version>.json in {directory}, found {core_files}")
        definitions = json.load(open(core_files[0]))["definitions"]
        # Quantity is a string or a number in YAML ("1", 0.5, 512Mi)
        definitions["io.k8s.apimachinery.pkg.api.resource.Quantity"] = {"anyOf": [{"type": "string"},
                                                                                   {"type": "number"}]}
        self.definitions = {k: _strict(v, False) for k, v in definitions.items()}
        self.core = {}
        for name, d in definitions.items():
            for gvk in d.get("x-kubernetes-group-version-kind", []):
                api = f"{gvk['group']}/{gvk['version']}" if gvk["group"] else gvk["version"]
                if "properties" in d and "kind" in d.get("properties", {}):
                    self.core[(api, gvk["kind"])] = name
        self.custom = {}
        self.sources = {}
        for file in sorted(glob.glob(os.path.join(directory, "*.json"))):
            if file in core_files:
                continue
            doc = json.load(open(file))
            for key, schema in doc["kinds"].items():
                group, version, kind = key.split("/")
                schema = _strict(schema, True)
                schema.setdefault("properties", {})["metadata"] = {
                    "$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}
                self.custom[(f"{group}/{version}", kind)] = schema
                self.sources[(f"{group}/{version}", kind)] = doc["source"]
        self._validators = {}

    def validator(self, api, kind):
        key = (api, kind)
        if key not in self._validators:
            if key in self.core:
                schema = {"$ref": f"#/definitions/{self.core[key]}"}
            elif key in self.custom:
                schema = copy.copy(self.custom[key])
            else:
                return None
            schema["definitions"] = self.definitions
            self._validators[key] = jsonschema.Draft7Validator(schema)
        return self._validators[key]

    def known_versions(self, kind):
        return sorted(api for api, k in list(self.core) + list(self.custom) if k == kind)


def schema_findings(schemas, obj):
    api, kind = obj.get("apiVersion"), obj.get("kind")
    validator = schemas.validator(api, kind)
    if validator is None:
        versions = schemas.known_versions(kind)
        hint = f" (served: {', '.join(versions)})" if versions else " (no vendored schema: add its CRD to k8s/schemas)"
        return [f"apiVersion {api} kind {kind} is not served by the pinned versions{hint}"]
    out = []
    for e in sorted(validator.iter_errors(obj), key=lambda e: list(e.absolute_path)):
        path = "/".join(str(p) for p in e.absolute_path) or "(root)"
        message = e.message
        if e.validator == "additionalProperties" and e.validator_value is False:
            message = "unknown field " + message.split("(")[-1].rstrip(")")
        out.append(f"schema: {path}: {message[:300]}")
    return out


# ---- pods ------------------------------------------------------------------------------------------------------------
def pod_spec(obj):
    kind = obj.get("kind")
    if kind in WORKLOADS:
        return obj.get("spec", {}).get("template", {}).get("spec")
    if kind == "CronJob":
        return obj.get("spec", {}).get("jobTemplate", {}).get("spec", {}).get("template", {}).get("spec")
    if kind == "Pod":
        return obj.get("spec")
    return None


def pod_findings(obj, by_kind):
    spec = pod_spec(obj)
    if spec is None:
        return []
    out = []
    psc = spec.get("securityContext") or {}
    for flag in ("hostNetwork", "hostPID", "hostIPC"):
        if spec.get(flag):
            out.append(f"restricted: {flag} is set")
    for sysctl in psc.get("sysctls") or []:
        if sysctl.get("name") not in SAFE_SYSCTLS:
            out.append(f"restricted: sysctl {sysctl.get('name')} is not in the safe set")
    for v in spec.get("volumes") or []:
        kinds = [k for k in v if k != "name"]
        if not set(kinds) <= SAFE_VOLUMES:
            out.append(f"restricted: volume {v.get('name')} of type {kinds} is not allowed")
    if (psc.get("seccompProfile") or {}).get("type") not in ("RuntimeDefault", "Localhost"):
        pod_seccomp = False
    else:
        pod_seccomp = True
    containers = (spec.get("initContainers") or []) + (spec.get("containers") or [])
    for c in containers:
        sc = c.get("securityContext") or {}
        name = c.get("name")
        if not (sc.get("runAsNonRoot") is True or (psc.get("runAsNonRoot") is True and sc.get("runAsNonRoot") is not False)):
            out.append(f"restricted: container {name}: runAsNonRoot is not true")
        if sc.get("runAsUser") == 0 or (psc.get("runAsUser") == 0 and "runAsUser" not in sc):
            out.append(f"restricted: container {name}: runs as UID 0")
        if sc.get("privileged"):
            out.append(f"restricted: container {name}: privileged")
        for ctx in (psc, sc):
            se = ctx.get("seLinuxOptions") or {}
            if se.get("type") not in SELINUX_TYPES or se.get("user") or se.get("role"):
                out.append(f"restricted: container {name}: seLinuxOptions {se} are not allowed")
            if ((ctx.get("appArmorProfile") or {}).get("type")) == "Unconfined":
                out.append(f"restricted: container {name}: AppArmor Unconfined")
            if (ctx.get("windowsOptions") or {}).get("hostProcess"):
                out.append(f"restricted: container {name}: a Windows host process")
        if sc.get("procMount") not in (None, "Default"):
            out.append(f"restricted: container {name}: procMount {sc.get('procMount')}")
        if sc.get("allowPrivilegeEscalation") is not False:
            out.append(f"restricted: container {name}: allowPrivilegeEscalation is not false")
        caps = sc.get("capabilities") or {}
        if "ALL" not in (caps.get("drop") or []):
            out.append(f"restricted: container {name}: capabilities do not drop ALL")
        if set(caps.get("add") or []) - {"NET_BIND_SERVICE"}:
            out.append(f"restricted: container {name}: adds capabilities {caps.get('add')}")
        seccomp = (sc.get("seccompProfile") or {}).get("type")
        if not (seccomp in ("RuntimeDefault", "Localhost") or (pod_seccomp and seccomp is None)):
            out.append(f"restricted: container {name}: seccompProfile is not RuntimeDefault")
        image = c.get("image") or ""
        tag = image.rsplit(":", 1)[1] if ":" in image.rsplit("/", 1)[-1] else ""
        if not tag or tag == "latest" or "SNAPSHOT" in tag:
            out.append(f"project: container {name}: image {image!r} has no release tag")
        for p in c.get("ports") or []:
            if p.get("hostPort"):
                out.append(f"restricted: container {name}: hostPort {p['hostPort']}")
        # the project's rules on top of the standard
        if sc.get("readOnlyRootFilesystem") is not True:
            out.append(f"project: container {name}: readOnlyRootFilesystem is not true")
        res = c.get("resources") or {}
        for need in ("requests/cpu", "requests/memory", "limits/memory"):
            section, key = need.split("/")
            if key not in (res.get(section) or {}):
                out.append(f"project: container {name}: no {section}.{key}")
        if c in (spec.get("containers") or []) and obj.get("kind") in ("Deployment", "StatefulSet"):
            for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
                if probe not in c:
                    out.append(f"project: container {name}: no {probe}")
        for env in c.get("env") or []:
            if "value" in env and SECRET_NAME.search(env["name"]) and not env["name"].endswith("_FILE"):
                out.append(f"secrets: container {name}: {env['name']} has a literal value (use a secretKeyRef)")
    annotations = ((obj.get("spec", {}).get("template") or {}).get("metadata") or {}).get("annotations") or {}
    for key in annotations:
        if re.search(r"build-timestamp|commit-id|vcs-uri", key):
            out.append(f"project: pod annotation {key} changes with every build (every pod would be replaced)")
    if obj.get("kind") in ("Deployment", "StatefulSet"):
        sa = spec.get("serviceAccountName")
        if not sa or sa == "default":
            out.append("project: runs as the default ServiceAccount")
        else:
            account = by_kind.get(("ServiceAccount", sa))
            token = spec.get("automountServiceAccountToken")
            if token is None and account is not None:
                token = account.get("automountServiceAccountToken")
            if token is not False:
                out.append(f"project: ServiceAccount {sa} token is mounted (automountServiceAccountToken: false)")
        if spec.get("enableServiceLinks") is not False:
            out.append("project: enableServiceLinks is not false (service variables would reach the configuration)")
        if obj.get("kind") == "Deployment":
            if not spec.get("topologySpreadConstraints"):
                out.append("project: no topologySpreadConstraints")
            labels = obj["spec"]["template"].get("metadata", {}).get("labels", {})
            if not any(matches(pdb.get("spec", {}).get("selector"), labels)
                       for (k, _), pdb in by_kind.items() if k == "PodDisruptionBudget"):
                out.append("project: no PodDisruptionBudget selects its pods")
    return out


def matches(selector, labels):
    if not selector:
        return False
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for e in selector.get("matchExpressions") or []:
        value = labels.get(e["key"])
        if e["operator"] == "In" and value not in e.get("values", []):
            return False
        if e["operator"] == "NotIn" and value in e.get("values", []):
            return False
        if e["operator"] == "Exists" and e["key"] not in labels:
            return False
        if e["operator"] == "DoesNotExist" and e["key"] in labels:
            return False
    return bool(selector.get("matchLabels") or selector.get("matchExpressions"))


# ---- references --------------------------------------------------------------------------------------------------------
def provided_secrets(objs):
    """Secrets in the render, and those the operators in the render write."""
    names = set()
    for o in objs:
        kind, name = o.get("kind"), o.get("metadata", {}).get("name")
        if kind == "Secret":
            names.add(name)
        elif kind == "ExternalSecret":
            names.add(((o.get("spec") or {}).get("target") or {}).get("name") or name)
        elif kind == "KafkaUser":
            names.add(name)                                   # Strimzi User Operator: password, sasl.jaas.config
        elif kind == "Kafka":
            names.update({f"{name}-cluster-ca-cert", f"{name}-clients-ca-cert"})
        elif kind == "Cluster" and o["apiVersion"].startswith("postgresql.cnpg.io/"):
            names.update({f"{name}-ca", f"{name}-superuser", f"{name}-app"})
        elif kind == "Certificate":
            names.add((o.get("spec") or {}).get("secretName"))
        elif kind == "Ingress":
            # the TLS secret is written by cert-manager (annotation) or created by hand: see the README
            names.update(t.get("secretName") for t in (o.get("spec") or {}).get("tls") or [])
    return names


def reference_findings(obj, by_kind, secrets):
    out = []
    spec = pod_spec(obj)
    if spec is not None:
        def need(kind, name, what):
            if kind == "Secret":
                if name not in secrets:
                    out.append(f"references: {what} Secret {name} is neither in the render nor written by an operator")
            elif (kind, name) not in by_kind:
                out.append(f"references: {what} {kind} {name} is not in the render")
        containers = (spec.get("initContainers") or []) + (spec.get("containers") or [])
        for c in containers:
            for env in c.get("env") or []:
                ref = (env.get("valueFrom") or {})
                if "secretKeyRef" in ref and not ref["secretKeyRef"].get("optional"):
                    need("Secret", ref["secretKeyRef"]["name"], f"env {env['name']}:")
                if "configMapKeyRef" in ref and not ref["configMapKeyRef"].get("optional"):
                    need("ConfigMap", ref["configMapKeyRef"]["name"], f"env {env['name']}:")
            for src in c.get("envFrom") or []:
                if "secretRef" in src and not src["secretRef"].get("optional"):
                    need("Secret", src["secretRef"]["name"], "envFrom:")
                if "configMapRef" in src and not src["configMapRef"].get("optional"):
                    need("ConfigMap", src["configMapRef"]["name"], "envFrom:")
            mounted = {v["name"] for v in spec.get("volumes") or []}
            for m in c.get("volumeMounts") or []:
                if m["name"] not in mounted:
                    out.append(f"references: container {c.get('name')} mounts volume {m['name']}, which the pod lacks")
        for v in spec.get("volumes") or []:
            if "secret" in v and not v["secret"].get("optional"):
                need("Secret", v["secret"]["secretName"], f"volume {v['name']}:")
            if "configMap" in v and not v["configMap"].get("optional"):
                need("ConfigMap", v["configMap"]["name"], f"volume {v['name']}:")
            if "persistentVolumeClaim" in v:
                need("PersistentVolumeClaim", v["persistentVolumeClaim"]["claimName"], f"volume {v['name']}:")
        sa = spec.get("serviceAccountName")
        if sa and sa != "default":
            need("ServiceAccount", sa, "pod:")
    if obj.get("kind") == "Service" and (obj.get("spec") or {}).get("selector"):
        selector = {"matchLabels": obj["spec"]["selector"]}
        if not any(matches(selector, (pod_spec(o) is not None and o["spec"]["template"]["metadata"].get("labels"))
                           or {}) for (k, _), o in by_kind.items() if k in WORKLOADS):
            out.append("references: the Service selects no pod of the render")
        ports = {p.get("name") for (k, _), o in by_kind.items() if k in WORKLOADS
                 for c in (pod_spec(o) or {}).get("containers") or [] for p in c.get("ports") or []}
        for p in obj["spec"].get("ports") or []:
            target = p.get("targetPort")
            if isinstance(target, str) and target not in ports:
                out.append(f"references: Service port {p.get('name')} targets {target}, a port no pod names")
    if obj.get("kind") == "Ingress":
        for rule in (obj.get("spec") or {}).get("rules") or []:
            for path in (rule.get("http") or {}).get("paths") or []:
                svc = path["backend"].get("service", {}).get("name")
                if svc and ("Service", svc) not in by_kind:
                    out.append(f"references: backend Service {svc} is not in the render")
    return out


# ---- all together ----------------------------------------------------------------------------------------------------
def validate(objs, prod=False, schemas=None):
    schemas = schemas or Schemas()
    by_kind = {}
    findings = []
    for o in objs:
        if not isinstance(o, dict) or not o.get("kind") or not o.get("apiVersion") or not o.get("metadata", {}).get("name"):
            findings.append(("?", "a document without apiVersion, kind or metadata.name"))
            continue
        key = (o["kind"], o["metadata"]["name"])
        if key in by_kind:
            findings.append((f"{o['kind']}/{o['metadata']['name']}", "declared twice"))
        by_kind[key] = o
    secrets = provided_secrets(objs)
    for o in objs:
        if not isinstance(o, dict) or not o.get("kind"):
            continue
        ident = f"{o['kind']}/{o.get('metadata', {}).get('name')}"
        found = schema_findings(schemas, o) + pod_findings(o, by_kind) + reference_findings(o, by_kind, secrets)
        if o["kind"] == "ConfigMap":
            for key in o.get("data") or {}:
                if SECRET_NAME.search(key) and not key.endswith("_FILE"):
                    found.append(f"secrets: the ConfigMap holds {key}, a secret's name (put it in a Secret)")
        if prod and o["kind"] == "Secret":
            found.append("secrets: a Secret in a prod render (its values would live in git): use an ExternalSecret")
        findings.extend((ident, f) for f in found)
    return findings


def main(argv):
    prod = "--prod" in argv
    args = [a for a in argv if a != "--prod"]
    if not args:
        sys.exit(__doc__)
    label = args[1] if len(args) > 1 else os.path.basename(args[0])
    objs = load(open(args[0]).read())
    findings = validate(objs, prod=prod)
    for ident, f in findings:
        print(f"{label}: {ident}: {f}")
    kinds = {}
    for o in objs:
        kinds[o.get("kind")] = kinds.get(o.get("kind"), 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    print(f"{label}: {len(objs)} objects ({summary}): {'INVALID, ' + str(len(findings)) + ' findings' if findings else 'valid'}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
