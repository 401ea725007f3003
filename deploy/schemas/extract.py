#!/usr/bin/env python3
# Regenerates the JSON schemas in this folder from their upstream sources (see README.md).
# Kubernetes kinds: one standalone schema per kind from the OpenAPI v2 definitions; CRDs: the
# openAPIV3Schema of one served version. Both "strict" (kubectl's default field validation
# rejects unknown fields), descriptions dropped to keep the files small.
# Usage: extract.py SWAGGER_JSON FLINK_CRD STRIMZI_TOPIC_CRD ALTINITY_CHI_CRD COMPOSE_SPEC
import json, sys, yaml

OUT = sys.argv[0].rsplit('/', 1)[0]
KINDS = {  # file name: (definition, apiVersion, kind)
    'deployment-apps-v1': ('io.k8s.api.apps.v1.Deployment', 'apps/v1', 'Deployment'),
    'service-v1': ('io.k8s.api.core.v1.Service', 'v1', 'Service'),
    'job-batch-v1': ('io.k8s.api.batch.v1.Job', 'batch/v1', 'Job'),
    'configmap-v1': ('io.k8s.api.core.v1.ConfigMap', 'v1', 'ConfigMap'),
    'namespace-v1': ('io.k8s.api.core.v1.Namespace', 'v1', 'Namespace'),
    'persistentvolumeclaim-v1': ('io.k8s.api.core.v1.PersistentVolumeClaim', 'v1', 'PersistentVolumeClaim'),
}


def openapi_to_json_schema(node):
    """OpenAPI quirks a JSON Schema validator does not know, made explicit."""
    if isinstance(node, list):
        return [openapi_to_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: openapi_to_json_schema(v) for k, v in node.items()
            if k not in ('description', 'x-kubernetes-group-version-kind', 'x-kubernetes-list-map-keys',
                         'x-kubernetes-list-type', 'x-kubernetes-patch-merge-key',
                         'x-kubernetes-patch-strategy', 'x-kubernetes-map-type', 'x-kubernetes-unions',
                         'x-kubernetes-validations')}
    if node.pop('x-kubernetes-int-or-string', False) or node.get('format') == 'int-or-string':
        for k in ('type', 'format', 'pattern'):
            node.pop(k, None)
        node['anyOf'] = [{'type': 'integer'}, {'type': 'string'}]
    if node.pop('nullable', False) and isinstance(node.get('type'), str):
        node['type'] = [node['type'], 'null']
    preserve = node.pop('x-kubernetes-preserve-unknown-fields', False)
    if 'properties' in node and 'additionalProperties' not in node and not preserve:
        node['additionalProperties'] = False
    return node


def kubernetes(swagger):
    defs = swagger['definitions']
    # A quantity is written as a number or a string ("500m", 2, "1Gi").
    defs['io.k8s.apimachinery.pkg.api.resource.Quantity'] = {'anyOf': [{'type': 'number'}, {'type': 'string'}]}
    for name, (root, api_version, kind) in KINDS.items():
        needed, todo = {}, [root]
        while todo:
            d = todo.pop()
            if d in needed:
                continue
            needed[d] = defs[d]
            todo.extend(refs(defs[d]))
        schema = openapi_to_json_schema(json.loads(json.dumps(needed[root])))
        schema['properties']['apiVersion'] = {'type': 'string', 'enum': [api_version]}
        schema['properties']['kind'] = {'type': 'string', 'enum': [kind]}
        schema['required'] = sorted(set(schema.get('required', [])) | {'apiVersion', 'kind', 'metadata'})
        schema = {'$schema': 'http://json-schema.org/draft-07/schema#', **schema,
                  'definitions': {d: openapi_to_json_schema(v) for d, v in sorted(needed.items()) if d != root}}
        write(f'kubernetes/{name}.json', schema)


def refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == '$ref':
                yield v.split('/')[-1]
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)


def crd(path, version, name):
    with open(path) as f:
        doc = next(d for d in yaml.safe_load_all(f) if d and d.get('kind') == 'CustomResourceDefinition')
    v = next(v for v in doc['spec']['versions'] if v['name'] == version)
    schema = openapi_to_json_schema(v['schema']['openAPIV3Schema'])
    group, kind = doc['spec']['group'], doc['spec']['names']['kind']
    schema.setdefault('properties', {})
    schema['properties']['apiVersion'] = {'type': 'string', 'enum': [f'{group}/{version}']}
    schema['properties']['kind'] = {'type': 'string', 'enum': [kind]}
    schema['properties']['metadata'] = {'type': 'object'}
    schema['additionalProperties'] = False
    schema['required'] = sorted(set(schema.get('required', [])) | {'apiVersion', 'kind', 'metadata'})
    write(f'crds/{name}.json', {'$schema': 'http://json-schema.org/draft-07/schema#', **schema})


def write(rel, schema):
    with open(f'{OUT}/{rel}', 'w') as f:
        json.dump(schema, f, indent=1, sort_keys=False)
        f.write('\n')


if __name__ == '__main__':
    import os
    os.makedirs(f'{OUT}/kubernetes', exist_ok=True)
    os.makedirs(f'{OUT}/crds', exist_ok=True)
    with open(sys.argv[1]) as f:
        kubernetes(json.load(f))
    crd(sys.argv[2], 'v1beta1', 'flinkdeployment-flink.apache.org-v1beta1')
    crd(sys.argv[3], 'v1', 'kafkatopic-kafka.strimzi.io-v1')
    crd(sys.argv[4], 'v1', 'clickhouseinstallation-clickhouse.altinity.com-v1')
    with open(sys.argv[5]) as f, open(f'{OUT}/compose-spec.json', 'w') as out:
        out.write(f.read())
