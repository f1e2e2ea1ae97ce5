// A tape worker run from source (development and tests): TypeScript loaded through tsx, the
// worker's module named by its first argument. The production build bundles each worker as
// tape-<name>.js beside main.js instead (scripts/build-server.mjs).
import { register } from "tsx/esm/api";

register();
await import(new URL(process.argv[2], import.meta.url).href);
