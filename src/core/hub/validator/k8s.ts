// Kubernetes objects embedded in a run. Polyaxon builds them with the kubernetes client's models after
// converting each top-level key with clipped's to_snake_case (cli/polyaxon/_k8s/k8s_validation.py; see
// pySnake: `Command` and `WorkingDir` pass), so an unknown
// key is a TypeError there; nested values are stored as given and not checked.
// Field lists: kubernetes-client models V1Container, V1Volume, V1Toleration, V1Affinity.
import type { ObjSpec, Fields } from './fields';
import { DOCS } from './docs';

const any = (names: string[]): Fields => Object.fromEntries(names.map(n => [n, 'any' as const]));

export const CONTAINER: ObjSpec = {
  label: 'container',
  k8sKeys: true,
  docs: DOCS.job,
  fields: any([
    'args',
    'command',
    'env',
    'envFrom',
    'image',
    'imagePullPolicy',
    'lifecycle',
    'livenessProbe',
    'name',
    'ports',
    'readinessProbe',
    'resizePolicy',
    'resources',
    'restartPolicy',
    'securityContext',
    'startupProbe',
    'stdin',
    'stdinOnce',
    'terminationMessagePath',
    'terminationMessagePolicy',
    'tty',
    'volumeDevices',
    'volumeMounts',
    'workingDir',
  ]),
};

export const VOLUME: ObjSpec = {
  label: 'volume',
  k8sKeys: true,
  docs: 'https://kubernetes.io/docs/concepts/storage/volumes/',
  fields: {
    ...any([
      'awsElasticBlockStore',
      'azureDisk',
      'azureFile',
      'cephfs',
      'cinder',
      'configMap',
      'csi',
      'downwardAPI',
      'emptyDir',
      'ephemeral',
      'fc',
      'flexVolume',
      'flocker',
      'gcePersistentDisk',
      'gitRepo',
      'glusterfs',
      'hostPath',
      'image',
      'iscsi',
      'nfs',
      'persistentVolumeClaim',
      'photonPersistentDisk',
      'portworxVolume',
      'projected',
      'quobyte',
      'rbd',
      'scaleIO',
      'secret',
      'storageos',
      'vsphereVolume',
    ]),
    // the kubernetes client refuses a volume without a name (client-side validation)
    name: { t: 'any', required: true },
  },
};

export const TOLERATION: ObjSpec = {
  label: 'toleration',
  k8sKeys: true,
  docs: 'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/',
  fields: any(['effect', 'key', 'operator', 'tolerationSeconds', 'value']),
};

export const AFFINITY: ObjSpec = {
  label: 'affinity',
  k8sKeys: true,
  docs: 'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/',
  fields: any(['nodeAffinity', 'podAffinity', 'podAntiAffinity']),
};

/** V1SecurityContext: what `environment.securityContext` is built as (validate_k8s_security_context). */
export const SECURITY_CONTEXT: ObjSpec = {
  label: 'securityContext',
  k8sKeys: true,
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  fields: any([
    'allowPrivilegeEscalation',
    'appArmorProfile',
    'capabilities',
    'privileged',
    'procMount',
    'readOnlyRootFilesystem',
    'runAsGroup',
    'runAsNonRoot',
    'runAsUser',
    'seLinuxOptions',
    'seccompProfile',
    'windowsOptions',
  ]),
};

export const POD_DNS_CONFIG: ObjSpec = {
  label: 'dnsConfig',
  k8sKeys: true,
  docs: 'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/',
  fields: any(['nameservers', 'options', 'searches']),
};

export const HOST_ALIAS: ObjSpec = {
  label: 'host alias',
  k8sKeys: true,
  docs: 'https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/',
  fields: any(['hostnames', 'ip']),
};
