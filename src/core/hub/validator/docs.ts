// Links from a problem to the Polyaxon docs section that explains the rule (one table, so a moved page
// is fixed in one place). Paths follow polyaxon.com/docs as linked from the CLI's docstrings.
const BASE = 'https://polyaxon.com/docs';

export const DOCS = {
  component: `${BASE}/core/specification/component/`,
  operation: `${BASE}/core/specification/operation/`,
  io: `${BASE}/core/specification/io/`,
  types: `${BASE}/core/specification/types/`,
  validation: `${BASE}/core/specification/validation/`,
  params: `${BASE}/core/specification/params/`,
  environment: `${BASE}/core/specification/environment/`,
  init: `${BASE}/core/specification/init/`,
  termination: `${BASE}/core/specification/termination/`,
  plugins: `${BASE}/core/specification/plugins/`,
  cache: `${BASE}/core/specification/cache/`,
  template: `${BASE}/core/specification/template/`,
  mount: `${BASE}/core/specification/mount/`,
  build: `${BASE}/automation/builds/`,
  hooks: `${BASE}/automation/hooks/`,
  events: `${BASE}/automation/events/`,
  job: `${BASE}/experimentation/jobs/specification/`,
  service: `${BASE}/experimentation/services/specification/`,
  dag: `${BASE}/automation/flow-engine/specification/`,
  distributed: `${BASE}/experimentation/distributed/`,
  matrix: `${BASE}/automation/optimization-engine/`,
  earlyStopping: `${BASE}/automation/optimization-engine/early-stopping/`,
  joins: `${BASE}/automation/joins/`,
  schedules: `${BASE}/automation/schedules/`,
  hub: `${BASE}/management/component-hub/`,
  yaml: 'https://yaml.org/spec/1.1/',
} as const;
