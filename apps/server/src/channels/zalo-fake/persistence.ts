import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseState, type WorldState } from "./state";

/**
 * Keeps the world in a JSON file so a demo restart keeps its tokens, groups and messages:
 * loaded once at start, written (atomically, only when changed) shortly after mutations.
 */
export class StateFile {
  #timer: NodeJS.Timeout | null = null;
  #lastWritten = "";

  constructor(
    private readonly path: string,
    private readonly state: () => WorldState,
    private readonly debounceMs = 200,
  ) {}

  /** The saved world, or null when there is no file yet. */
  load(): WorldState | null {
    if (!existsSync(this.path)) {
      return null;
    }
    const json = readFileSync(this.path, "utf8");
    this.#lastWritten = json;
    return parseState(json, this.path);
  }

  /** Saves after `debounceMs` of quiet. */
  schedule(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
    }
    this.#timer = setTimeout(() => this.flush(), this.debounceMs);
    this.#timer.unref();
  }

  /** Writes now if anything changed since the last write. */
  flush(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    const json = JSON.stringify(this.state());
    if (json === this.#lastWritten) {
      return;
    }
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, json, { mode: 0o600 });
    renameSync(tmp, this.path);
    this.#lastWritten = json;
  }
}
