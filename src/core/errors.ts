/** A request the rules refuse (bad name, denied role, duplicate…): shown to the user as is; CLI exit code 1. */
export class HubError extends Error {
  constructor(
    message: string,
    readonly code: string = 'refused',
  ) {
    super(message);
    this.name = 'HubError';
  }
}
