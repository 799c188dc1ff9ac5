// Frameworks from MLflow flavors: an `MLmodel` file lists the flavors a model was saved with.
import * as fs from 'node:fs';
import { parse } from 'yaml';
import { HubError } from '../../errors';

/** MLflow flavor → our framework name (DESIGN.md's list); `python_function` alone says nothing. */
const FLAVOR_FRAMEWORKS: Record<string, string> = {
  pytorch: 'pytorch',
  tensorflow: 'tensorflow',
  keras: 'keras',
  sklearn: 'sklearn',
  xgboost: 'xgboost',
  lightgbm: 'lightgbm',
  catboost: 'catboost',
  onnx: 'onnx',
  transformers: 'huggingface',
  sentence_transformers: 'huggingface',
  spark: 'spark',
  h2o: 'h2o',
  statsmodels: 'statsmodels',
  prophet: 'prophet',
  paddle: 'paddle',
  spacy: 'spacy',
  fastai: 'fastai',
};

export function frameworkFromFlavors(flavors: string[]): string | undefined {
  for (const f of flavors) if (FLAVOR_FRAMEWORKS[f]) return FLAVOR_FRAMEWORKS[f];
  return flavors.length > 0 && flavors.every(f => f === 'python_function') ? 'custom' : undefined;
}

/** The flavors an MLmodel file names; [] when it cannot be read or parsed. */
export function readMlmodelFlavors(file: string): string[] {
  try {
    const doc = parse(fs.readFileSync(file, 'utf8')) as { flavors?: Record<string, unknown> } | null;
    return doc && typeof doc.flavors === 'object' && doc.flavors ? Object.keys(doc.flavors) : [];
  } catch {
    return [];
  }
}

/** A slug-like framework name, or a clear refusal. */
export function normalizeFramework(name: string): string {
  const f = name.trim().toLowerCase();
  if (!/^[a-z0-9][-a-z0-9_.]{0,63}$/.test(f)) throw new HubError(`"${name}" is not a framework name (letters, digits, -, _, .; at most 64).`, 'invalid');
  return f;
}
