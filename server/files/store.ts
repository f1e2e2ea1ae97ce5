import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * Where uploaded files live: a local folder (under DATA_DIR) by default; the same interface can
 * sit on object storage later. Keys are random, so a user's file name never becomes a path.
 */
export interface FileStore {
  put(data: Uint8Array): Promise<string>;
  get(key: string): Promise<Uint8Array | null>;
}

const keyPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createLocalFileStore(dir: string = path.join(os.tmpdir(), "nplex-files")): FileStore {
  const fileOf = (key: string) => path.join(dir, key.slice(0, 2), key);
  return {
    async put(data) {
      const key = randomUUID();
      await mkdir(path.dirname(fileOf(key)), { recursive: true });
      await writeFile(fileOf(key), data, { flag: "wx", mode: 0o600 });
      return key;
    },
    async get(key) {
      if (!keyPattern.test(key)) return null;
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}
