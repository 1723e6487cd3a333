#!/usr/bin/env python3
"""Writes the vendored schemas of k8s/schemas/ from their upstream files (run by hand when a pinned version moves).

    python3 k8s/schemas/refresh.py kubernetes SWAGGER_JSON VERSION
        SWAGGER_JSON: the Kubernetes OpenAPI v2 document of that release (e.g. kubernetes/swagger.json.unprocessed of
        the official Python client whose major version matches, or api/openapi-spec/swagger.json of Kubernetes itself)
    python3 k8s/schemas/refresh.py crds NAME-VERSION CRD_YAML...
        CRD_YAML: the operator's CustomResourceDefinition files at its release tag

Only what validation needs is kept (types, properties, required, enums, patterns, the x-kubernetes-* markers);
descriptions are dropped, so the files stay small and a refresh shows real changes in the diff.
The validator (k8s/tools/k8s_validate.py) reads these files; nothing is fetched at validation time.
"""
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DROP = {"description", "example", "examples", "x-kubernetes-list-map-keys", "x-kubernetes-list-type",
        "x-kubernetes-map-type", "x-kubernetes-patch-merge-key", "x-kubernetes-patch-strategy",
        "x-kubernetes-unions", "x-kubernetes-validations", "externalDocs"}


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in DROP}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def kubernetes(swagger_path, version):
    doc = json.load(open(swagger_path))
    out = {"source": f"Kubernetes OpenAPI v2, release {version}", "definitions": strip(doc["definitions"])}
    path = os.path.join(HERE, f"kubernetes-{version}.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{path}: {len(out['definitions'])} definitions")


def crds(name, files):
    out = {"source": name, "kinds": {}}
    for file in files:
        for crd in yaml.safe_load_all(open(file)):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for v in crd["spec"]["versions"]:
                if not v.get("served"):
                    continue
                out["kinds"][f"{group}/{v['name']}/{kind}"] = strip(v["schema"]["openAPIV3Schema"])
    path = os.path.join(HERE, f"{name}.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{path}: {', '.join(sorted(out['kinds']))}")


if __name__ == "__main__":
    if sys.argv[1] == "kubernetes":
        kubernetes(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "crds":
        crds(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)
