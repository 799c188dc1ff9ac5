import * as vscode from 'vscode';

const KEY = 'polyaxonHub.activeOrganization';

/**
 * The organization the user works in (chosen from the status bar): the palette's org pickers offer it first.
 * Kept in the workspace's state, so each workspace remembers its own; without one (tests), in memory.
 */
export class ActiveOrganization implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;
  private memory: string | undefined;

  constructor(private readonly state?: vscode.Memento) {}

  get name(): string | undefined {
    return this.state ? this.state.get<string>(KEY) : this.memory;
  }

  async set(name: string | undefined): Promise<void> {
    if (name === this.name) return;
    if (this.state) await this.state.update(KEY, name);
    else this.memory = name;
    this.changed.fire(name);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
