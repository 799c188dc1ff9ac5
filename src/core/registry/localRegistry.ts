// The RegistryService over a local store and the artifact folder beside it.
import type { Actor } from '../currentUser';
import type { Store } from '../store/store';
import type {
  CompareResult,
  ModelFields,
  ModelSummary,
  ModelVersionFields,
  ModelVersionRef,
  ModelVersionSummary,
  ModelVersionView,
  ModelView,
  PromotePlan,
  PromoteRequest,
  PromoteResult,
  RegistryService,
  Stage,
  StageChange,
  VerifyReport,
  WriteOptions,
  WriteResult,
} from '../client/types';
import { ArtifactStore } from './artifactStore';
import type { LocalRuns } from './localRuns';
import * as models from './models';
import { planPromote, promote, type RunLookup } from './promote';
import { stageChanges } from './stageHistory';
import { compareVersions, exportVersion, readVersionFile, verifyVersion, writeFiles } from './versionFiles';

export class LocalRegistry implements RegistryService {
  readonly artifacts: ArtifactStore;
  private readonly runs: RunLookup;

  constructor(
    private readonly store: Store,
    private readonly actor: Actor,
    artifacts: ArtifactStore,
    runs: LocalRuns,
  ) {
    this.artifacts = artifacts;
    this.runs = { byRef: runs.byRef, containing: p => runs.containingRecord(p) };
  }

  /** read when first needed: the actor may be resolved lazily (lazyActor) */
  private get me(): string {
    return this.actor.username;
  }

  private read() {
    return this.store.read();
  }

  private async view(key: ModelVersionRef): Promise<ModelVersionView> {
    const db = await this.read();
    return models.versionView(db, this.me, models.findVersion(db, this.me, key.org, key.model, key.version));
  }

  private async record(ref: ModelVersionRef) {
    return models.findVersion(await this.read(), this.me, ref.org, ref.model, ref.version);
  }

  async list(org: string, filter: { project?: string } = {}): Promise<ModelSummary[]> {
    const db = await this.read();
    return models
      .listModels(db, this.me, org)
      .filter(m => filter.project === undefined || m.project === filter.project)
      .map(m => models.modelSummary(db, this.me, m));
  }

  async model(org: string, name: string): Promise<ModelView> {
    const db = await this.read();
    return models.modelView(db, this.me, models.visibleModel(db, this.me, org, name));
  }

  async version(org: string, model: string, version?: string): Promise<ModelVersionView> {
    const db = await this.read();
    return models.versionView(db, this.me, models.findVersion(db, this.me, org, model, version));
  }

  async createModel(org: string, name: string, fields?: ModelFields): Promise<ModelSummary> {
    const m = await models.createModel(this.store, this.actor, org, name, fields);
    return models.modelSummary(await this.read(), this.me, m);
  }

  async updateModel(org: string, name: string, changes: ModelFields): Promise<ModelSummary> {
    const m = await models.updateModel(this.store, this.actor, org, name, changes);
    return models.modelSummary(await this.read(), this.me, m);
  }

  deleteModel(org: string, name: string, options?: { cascade?: boolean }) {
    return models.deleteModel(this.store, this.actor, this.artifacts, org, name, options);
  }

  planPromote(request: Omit<PromoteRequest, 'signal' | 'onProgress'>): Promise<PromotePlan> {
    return planPromote(this.store, this.actor, request, this.runs);
  }

  async promote(request: PromoteRequest): Promise<PromoteResult> {
    const { version, storedBytes } = await promote(this.store, this.actor, this.artifacts, request, this.runs);
    return { version: await this.view({ org: version.org, model: version.model, version: version.name }), storedBytes };
  }

  async updateVersion(ref: ModelVersionRef, changes: ModelVersionFields): Promise<ModelVersionView> {
    await models.updateVersion(this.store, this.actor, ref, changes);
    return this.view(ref);
  }

  async setStage(ref: ModelVersionRef, stage: string, reason?: string): Promise<ModelVersionView> {
    await models.setVersionStage(this.store, this.actor, ref, stage, reason);
    return this.view(ref);
  }

  async stageHistory(ref: ModelVersionRef): Promise<StageChange[]> {
    return stageChanges((await this.record(ref)).stageHistory);
  }

  async stageAt(org: string, model: string, when: string, stage?: Stage): Promise<ModelVersionSummary[]> {
    return models.versionsInStage(await this.read(), this.me, org, model, when, stage).map(models.versionSummary);
  }

  async verify(ref: ModelVersionRef): Promise<VerifyReport> {
    return verifyVersion(this.artifacts, await this.record(ref));
  }

  async compare(refs: ModelVersionRef[]): Promise<CompareResult> {
    const db = await this.read();
    return compareVersions(refs.map(r => models.findVersion(db, this.me, r.org, r.model, r.version)));
  }

  async readArtifact(ref: ModelVersionRef, path: string, maxBytes?: number): Promise<Uint8Array> {
    return readVersionFile(this.artifacts, await this.record(ref), path, maxBytes);
  }

  async download(ref: ModelVersionRef, dir: string, options?: WriteOptions): Promise<WriteResult> {
    return writeFiles(this.artifacts, await this.record(ref), dir, options);
  }

  async export(ref: ModelVersionRef, dir: string, options?: WriteOptions): Promise<WriteResult> {
    return exportVersion(this.artifacts, await this.record(ref), dir, options);
  }

  deleteVersion(ref: ModelVersionRef) {
    return models.deleteVersion(this.store, this.actor, this.artifacts, ref);
  }
}
