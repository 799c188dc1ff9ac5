// polyaxon-hub CLI entry point: argument parsing and printing only; every decision is in src/core.
console.log('polyaxon-hub: under construction');
