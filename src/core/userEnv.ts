// The environment variable that names the current user for the extension and the CLI alike: in a file of its own,
// so that dist/cli-validate.js can tell a user was named without loading the user lookup (git, the OS).
export const USER_ENV = 'POLYAXON_HUB_USER';
