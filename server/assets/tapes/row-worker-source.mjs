// The row worker run from source (development and tests): TypeScript loaded through tsx. The
// production build bundles row-worker.ts as tape-row-worker.js beside main.js instead.
import { register } from "tsx/esm/api";

register();
await import("./row-worker.ts");
