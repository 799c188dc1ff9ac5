// Mocha entry of the in-host suite against a real Polyaxon server (extensionTestsPath = out/test/host-server/index.js):
// the same runner as test/host (it loads the *.test.js beside this bundle). Run by `npm run test:server` through
// scripts/test-host.mjs with POLYAXON_HUB_HOST_SUITE=server and the POLYAXON_TEST_* environment of the started server.
export { run } from '../host/index';
