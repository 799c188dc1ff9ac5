// The workspace `npm start` opens: Polyaxon component files (three valid, one invalid on purpose) and a small
// MLflow file store (mlruns/) whose runs have a model to promote. Written for the demo, in the formats the real
// tools write. Only missing files are written, so a user's edits survive the next `npm start`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TRAIN = `version: 1.1
kind: component
name: train-classifier
description: Trains a gradient-boosted classifier on a CSV dataset and saves the model.
tags: [training, sklearn]

inputs:
- name: dataset
  type: path
  description: CSV file with a "label" column
- name: learning_rate
  type: float
  value: 0.1
  isOptional: true
- name: n_estimators
  type: int
  value: 200
  isOptional: true
- name: early_stopping
  type: bool
  isFlag: true
  value: false
  isOptional: true

outputs:
- name: accuracy
  type: float
- name: model
  type: path

run:
  kind: job
  container:
    image: python:3.11-slim
    command: [python, -m, trainer.train]
    args:
    - "--dataset={{ dataset }}"
    - "--learning-rate={{ learning_rate }}"
    - "--n-estimators={{ n_estimators }}"
    - "{{ params.early_stopping.as_arg }}"
`;

const SERVE = `version: 1.1
kind: component
name: model-server
description: Serves a trained model over HTTP.
tags: [serving]

inputs:
- name: model
  type: path
- name: workers
  type: int
  value: 2
  isOptional: true

run:
  kind: service
  ports: [8000]
  rewritePath: true
  container:
    image: python:3.11-slim
    command: [uvicorn, "serve:app", --host, 0.0.0.0, --port, "8000", --workers, "{{ workers }}"]
    env:
    - name: MODEL_PATH
      value: "{{ model }}"
`;

const PIPELINE = `version: 1.1
kind: component
name: train-and-select
description: Prepares the data, trains two candidate models in parallel and evaluates both.
tags: [pipeline]

inputs:
- name: raw_data
  type: path

run:
  kind: dag
  concurrency: 2
  operations:
  - name: prepare
    dagRef: prepare-data
    params:
      source: {value: "{{ raw_data }}"}
  - name: train-shallow
    dagRef: train
    dependencies: [prepare]
    params:
      data: {ref: ops.prepare, value: outputs.train_path}
      max_depth: {value: 3}
  - name: train-deep
    dagRef: train
    dependencies: [prepare]
    params:
      data: {ref: ops.prepare, value: outputs.train_path}
      max_depth: {value: 8}

  components:
  - name: prepare-data
    inputs:
    - name: source
      type: path
    outputs:
    - name: train_path
      type: path
    run:
      kind: job
      container:
        image: python:3.11-slim
        command: [python, -m, trainer.prepare, "--source={{ source }}"]
  - name: train
    inputs:
    - name: data
      type: path
    - name: max_depth
      type: int
      value: 6
      isOptional: true
    outputs:
    - name: accuracy
      type: float
    run:
      kind: job
      container:
        image: python:3.11-slim
        command: [python, -m, trainer.train, "--data={{ data }}", "--max-depth={{ max_depth }}"]
`;

const BROKEN = `# INVALID on purpose, to show validation in the Problems panel:
#  - "owner" is not a section of a Polyaxon component
#  - inputs take "value:", not "default:"
version: 1.1
kind: component
name: evaluate-model
description: Scores a model against a held-out set.
owner: acme-ml

inputs:
- name: model
  type: path
- name: threshold
  type: float
  default: 0.5

run:
  kind: job
  container:
    image: python:3.11-slim
    command: [python, evaluate.py, "--model={{ model }}", "--threshold={{ threshold }}"]
`;

const README = `# Polyaxon Hub demo workspace

- \`components/\`: Polyaxon component files. \`train-classifier.yaml\`, \`model-server.yaml\` and
  \`train-and-select.yaml\` are valid; \`broken-evaluate.yaml\` is invalid on purpose (see the Problems panel).
- \`mlruns/\`: a small MLflow file store, experiment "iris-classifier" with two finished runs that each logged
  a model under \`artifacts/model/\`.
- \`iris-mlflow/\`: runs written by MLflow itself into \`mlflow.db\` (its default store since 3.7), with a
  logged sklearn model. Open the **Runs** view, right-click a run or any of its files → **Promote to Model
  Registry**, then move the version to \`production\` in the **Model Registry** view.

Open the Polyaxon Hub view in the activity bar to create an organization. \`npm start\` writes back only the
files that are missing here, so edits are kept.
`;

const EXPERIMENT_ID = '418027734563937012';
const RUNS = [
  {
    id: '6f1c2b0e9d8a4c3fa1e2d3c4b5a69788',
    name: 'gbt-lr-0.1',
    start: 1764230400000,
    lr: 0.1,
    depth: 3,
    acc: [0.81, 0.88, 0.91, 0.93],
    loss: [0.52, 0.37, 0.29, 0.24],
  },
  {
    id: 'b7e4d1c2a3f54e6d8c9b0a1f2e3d4c5b',
    name: 'gbt-lr-0.3',
    start: 1764234000000,
    lr: 0.3,
    depth: 6,
    acc: [0.84, 0.9, 0.92, 0.95],
    loss: [0.45, 0.31, 0.22, 0.17],
  },
];

/** Files of the MLflow store (paths relative to the workspace), as MLflow 2.x's FileStore lays them out. */
function mlrunsFiles(root) {
  const exp = `mlruns/${EXPERIMENT_ID}`;
  const files = {
    'mlruns/0/meta.yaml':
      `artifact_location: file://${root}/mlruns/0\ncreation_time: 1764230000000\nexperiment_id: '0'\n` +
      `last_update_time: 1764230000000\nlifecycle_stage: active\nname: Default\n`,
    [`${exp}/meta.yaml`]:
      `artifact_location: file://${root}/${exp}\ncreation_time: 1764230300000\n` +
      `experiment_id: '${EXPERIMENT_ID}'\nlast_update_time: 1764230300000\nlifecycle_stage: active\nname: iris-classifier\n`,
  };
  for (const r of RUNS) {
    const dir = `${exp}/${r.id}`;
    const end = r.start + 95000;
    files[`${dir}/meta.yaml`] =
      `artifact_uri: file://${root}/${dir}/artifacts\nend_time: ${end}\nentry_point_name: ''\n` +
      `experiment_id: '${EXPERIMENT_ID}'\nlifecycle_stage: active\nrun_id: ${r.id}\nrun_name: ${r.name}\nrun_uuid: ${r.id}\n` +
      `source_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: ${r.start}\nstatus: 3\ntags: []\nuser_id: demo\n`;
    // params and tags: one file per key, the value without a trailing newline
    Object.assign(files, {
      [`${dir}/params/learning_rate`]: String(r.lr),
      [`${dir}/params/max_depth`]: String(r.depth),
      [`${dir}/params/n_estimators`]: '200',
      [`${dir}/tags/mlflow.runName`]: r.name,
      [`${dir}/tags/mlflow.user`]: 'demo',
      [`${dir}/tags/mlflow.source.name`]: 'trainer/train.py',
      [`${dir}/tags/mlflow.source.type`]: 'LOCAL',
      [`${dir}/tags/mlflow.source.git.commit`]: 'c0ffee1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b',
      [`${dir}/tags/mlflow.log-model.history`]: JSON.stringify([
        {
          run_id: r.id,
          artifact_path: 'model',
          utc_time_created: new Date(end - 2000).toISOString().replace('T', ' ').replace('Z', ''),
          flavors: { python_function: {} },
        },
      ]),
    });
    // metrics: "<timestamp ms> <value> <step>" per line
    const series = (vals, off) => vals.map((v, step) => `${r.start + off + step * 20000} ${v} ${step}\n`).join('');
    files[`${dir}/metrics/accuracy`] = series(r.acc, 10000);
    files[`${dir}/metrics/loss`] = series(r.loss, 10000);
    const weights = {
      classes: ['setosa', 'versicolor', 'virginica'],
      features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
      learning_rate: r.lr,
      max_depth: r.depth,
      coef: [
        [0.41, 1.46, -2.26, -1.03],
        [0.42, -1.6, 0.58, -1.39],
        [-1.71, -1.53, 2.47, 2.55],
      ],
    };
    Object.assign(files, {
      [`${dir}/artifacts/model/MLmodel`]:
        `artifact_path: model\nflavors:\n  python_function:\n    data: model.json\n` +
        `    env:\n      virtualenv: python_env.yaml\n    loader_module: trainer.model_loader\n    python_version: 3.11.9\n` +
        `mlflow_version: 2.16.2\nmodel_uuid: ${r.id.slice(0, 16)}${r.id.slice(16).split('').reverse().join('')}\nrun_id: ${r.id}\n`,
      [`${dir}/artifacts/model/model.json`]: JSON.stringify(weights, null, 2) + '\n',
      [`${dir}/artifacts/model/python_env.yaml`]: 'python: 3.11.9\nbuild_dependencies:\n- pip\ndependencies:\n- -r requirements.txt\n',
      [`${dir}/artifacts/model/requirements.txt`]: 'mlflow==2.16.2\nnumpy==1.26.4\n',
    });
  }
  return files;
}

/**
 * MLflow's default store since 3.7 (`mlflow.db` + artifacts), written by the real MLflow of scripts/setup-python
 * (test/fixtures/make-runs.py: two finished runs with a logged sklearn model, a failed run). Skipped, with the
 * reason, when that MLflow is not installed. Returns what it did, for the log.
 */
export function writeMlflowDemoRuns(dir) {
  const target = path.join(path.resolve(dir), 'iris-mlflow');
  if (fs.existsSync(path.join(target, 'mlflow.db'))) return undefined;
  const python = path.join(ROOT, '.cache/py/mlflow/bin/python');
  const script = path.join(ROOT, 'test/fixtures/make-runs.py');
  if (!fs.existsSync(python) || !fs.existsSync(script)) {
    return 'MLflow runs (iris-mlflow/) skipped: run scripts/setup-python to have the real MLflow write them';
  }
  fs.mkdirSync(target, { recursive: true });
  const r = spawnSync(python, [script, 'mlflow-sqlite', target], {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, MLFLOW_TRACKING_URI: '', GIT_PYTHON_REFRESH: 'quiet', PYTHONWARNINGS: 'ignore' },
  });
  if (r.status !== 0) {
    fs.rmSync(target, { recursive: true, force: true });
    return `MLflow runs (iris-mlflow/) not written: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`;
  }
  return 'wrote iris-mlflow/ (mlflow.db + artifacts) with the real MLflow';
}

/** Writes the missing files of the demo workspace into `dir`; returns the paths it wrote. */
export function writeDemoWorkspace(dir) {
  const root = path.resolve(dir);
  const files = {
    'README.md': README,
    'components/train-classifier.yaml': TRAIN,
    'components/model-server.yaml': SERVE,
    'components/train-and-select.yaml': PIPELINE,
    'components/broken-evaluate.yaml': BROKEN,
    ...mlrunsFiles(root),
  };
  const written = [];
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    if (fs.existsSync(file)) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    written.push(rel);
  }
  return written;
}
