import type { FileStat, StorageFs, WritableFile } from '../../electron/services/storage/storageFs';

/**
 * An in-memory disk that behaves like a real one when the power fails.
 *
 * Every file and folder has a *current* state (what running programs see) and a
 * *durable* state (what is on the platter). Only `sync()` on a file makes its bytes
 * durable, and only `syncDir()` on a folder makes its entries (creations, renames,
 * removals) durable. `powerCut()` throws the current state away and keeps the durable
 * one — so a rename that was not followed by a folder fsync is undone, and a file whose
 * name reached the disk before its data comes back empty, exactly the failures
 * atomicWrite has to survive.
 *
 * Fault injection:
 * - `crashAtStep(n)`: the n-th mutating call (1-based) throws SimulatedCrash and so does
 *   everything after it, until `powerCut()`. Used to crash at every possible step.
 * - `failWith('ENOSPC' | 'EACCES' | 'EROFS')`: writes fail like a full disk or a
 *   read-only folder until `heal()`.
 * - `powerCut({ random })`: instead of forgetting everything unsynced, let each unsynced
 *   change independently survive, vanish, or (file data) survive torn — a harsher model
 *   of what a real disk may have written back on its own.
 */
export class SimulatedCrash extends Error {
  constructor() {
    super('simulated power cut');
    this.name = 'SimulatedCrash';
  }
}

interface FileNode {
  kind: 'file';
  data: Uint8Array;
  /** Bytes on disk; null if never synced (the file comes back empty if its name survives). */
  durable: Uint8Array | null;
  mtimeMs: number;
}
interface DirNode {
  kind: 'dir';
  entries: Map<string, Node>;
  durable: Map<string, Node>;
  mtimeMs: number;
}
type Node = FileNode | DirNode;

type Fault = 'ENOSPC' | 'EACCES' | 'EROFS';

function fsError(code: string, op: string, path: string): Error {
  return Object.assign(new Error(`${code}: simulated, ${op} '${path}'`), { code });
}

export class SimulatedDisk implements StorageFs {
  private root: DirNode = { kind: 'dir', entries: new Map(), durable: new Map(), mtimeMs: 0 };
  private crashAt: number | null = null;
  private crashed = false;
  private fault: Fault | null = null;
  /** Mutating calls so far (reads do not count). */
  steps = 0;
  /** Names of the mutating calls, in order, for test failure messages. */
  readonly log: string[] = [];
  clock = 1_700_000_000_000;

  // ------------------------------------------------------------ fault control

  crashAtStep(step: number | null): void {
    this.crashAt = step;
  }
  failWith(fault: Fault): void {
    this.fault = fault;
  }
  heal(): void {
    this.fault = null;
  }
  get hasCrashed(): boolean {
    return this.crashed;
  }

  /**
   * The power comes back: only durable state remains. With `random`, each unsynced
   * change may or may not have reached the disk, and unsynced file data may be torn.
   */
  powerCut(opts: { random?: () => number } = {}): void {
    const rnd = opts.random;
    const visit = (dir: DirNode) => {
      const keepCurrent = rnd ? rnd() < 0.5 : false;
      dir.entries = new Map(keepCurrent ? dir.entries : dir.durable);
      dir.durable = new Map(dir.entries);
      for (const node of dir.entries.values()) {
        if (node.kind === 'dir') visit(node);
        else {
          const synced = node.durable !== null && node.durable === node.data;
          if (!synced) {
            const r = rnd ? rnd() : 0;
            if (rnd && r < 0.33) {
              // written back on its own
            } else if (rnd && r < 0.66) {
              node.data = node.data.slice(0, Math.floor(rnd() * node.data.length));
            } else node.data = node.durable ?? new Uint8Array(0);
          }
          node.durable = node.data;
        }
      }
    };
    visit(this.root);
    this.crashed = false;
    this.crashAt = null;
  }

  /** Everything in the durable state, path → bytes (for comparing before/after). */
  snapshot(): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    const walk = (dir: DirNode, prefix: string) => {
      for (const [name, node] of dir.entries) {
        const path = `${prefix}/${name}`;
        if (node.kind === 'dir') walk(node, path);
        else out.set(path, node.data);
      }
    };
    walk(this.root, '');
    return out;
  }

  // ------------------------------------------------------------ StorageFs

  async readFile(path: string): Promise<Uint8Array> {
    this.checkAlive();
    const node = this.lookup(path);
    if (!node) throw fsError('ENOENT', 'open', path);
    if (node.kind === 'dir') throw fsError('EISDIR', 'read', path);
    return node.data;
  }

  async createExclusive(path: string): Promise<WritableFile> {
    this.step(`create ${path}`);
    this.faultFor('create', path);
    const { parent, name } = this.parentOf(path);
    if (parent.entries.has(name)) throw fsError('EEXIST', 'open', path);
    const node: FileNode = { kind: 'file', data: new Uint8Array(0), durable: null, mtimeMs: this.tick() };
    parent.entries.set(name, node);
    let closed = false;
    return {
      write: async (data) => {
        this.step(`write ${path}`);
        if (closed) throw fsError('EBADF', 'write', path);
        if (this.fault === 'ENOSPC') {
          // A full disk accepts part of the data, then refuses.
          node.data = concat(node.data, data.slice(0, Math.floor(data.length / 2)));
          throw fsError('ENOSPC', 'write', path);
        }
        this.faultFor('write', path);
        node.data = concat(node.data, data);
        node.mtimeMs = this.tick();
      },
      sync: async () => {
        this.step(`fsync ${path}`);
        if (closed) throw fsError('EBADF', 'fsync', path);
        node.durable = node.data;
      },
      close: async () => {
        // Closing cannot fail in a way that matters here, and must always release.
        closed = true;
      },
    };
  }

  async rename(from: string, to: string): Promise<void> {
    this.step(`rename ${from} -> ${to}`);
    this.faultFor('rename', to);
    const src = this.parentOf(from);
    const node = src.parent.entries.get(src.name);
    if (!node) throw fsError('ENOENT', 'rename', from);
    const dst = this.parentOf(to);
    const existing = dst.parent.entries.get(dst.name);
    if (existing && (existing.kind === 'dir' || node.kind === 'dir')) throw fsError('ENOTEMPTY', 'rename', to);
    src.parent.entries.delete(src.name);
    dst.parent.entries.set(dst.name, node);
    src.parent.mtimeMs = dst.parent.mtimeMs = this.tick();
  }

  async syncDir(dir: string): Promise<void> {
    this.step(`fsync-dir ${dir}`);
    const node = this.lookup(dir);
    if (!node) throw fsError('ENOENT', 'open', dir);
    if (node.kind !== 'dir') throw fsError('ENOTDIR', 'fsync', dir);
    node.durable = new Map(node.entries);
  }

  async mkdir(dir: string): Promise<void> {
    this.step(`mkdir ${dir}`);
    this.faultFor('mkdir', dir);
    const { parent, name } = this.parentOf(dir);
    if (parent.entries.has(name)) throw fsError('EEXIST', 'mkdir', dir);
    parent.entries.set(name, { kind: 'dir', entries: new Map(), durable: new Map(), mtimeMs: this.tick() });
  }

  async readdir(dir: string): Promise<string[]> {
    this.checkAlive();
    const node = this.lookup(dir);
    if (!node) throw fsError('ENOENT', 'scandir', dir);
    if (node.kind !== 'dir') throw fsError('ENOTDIR', 'scandir', dir);
    return [...node.entries.keys()];
  }

  async stat(path: string): Promise<FileStat | null> {
    this.checkAlive();
    const node = this.lookup(path);
    if (!node) return null;
    return { kind: node.kind, size: node.kind === 'file' ? node.data.length : 0, mtimeMs: node.mtimeMs };
  }

  /** The simulated disk has no symbolic links, so lstat is stat. */
  lstat(path: string): Promise<FileStat | null> {
    return this.stat(path);
  }

  async unlink(path: string): Promise<void> {
    this.step(`unlink ${path}`);
    this.faultFor('unlink', path);
    const { parent, name } = this.parentOf(path);
    const node = parent.entries.get(name);
    if (!node) throw fsError('ENOENT', 'unlink', path);
    if (node.kind === 'dir') throw fsError('EISDIR', 'unlink', path);
    parent.entries.delete(name);
  }

  // ------------------------------------------------------------ helpers for tests

  /** Write a file durably in one go (test set-up, not counted as a step). */
  put(path: string, data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const parts = split(path);
    let dir = this.root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.entries.get(part);
      if (!next) {
        next = { kind: 'dir', entries: new Map(), durable: new Map(), mtimeMs: this.tick() };
        dir.entries.set(part, next);
        dir.durable.set(part, next);
      }
      if (next.kind !== 'dir') throw new Error(`${part} is a file`);
      dir = next;
    }
    const name = parts[parts.length - 1] as string;
    const node: FileNode = { kind: 'file', data: bytes, durable: bytes, mtimeMs: this.tick() };
    dir.entries.set(name, node);
    dir.durable.set(name, node);
  }

  /** Current content of a file, or null. */
  peek(path: string): Uint8Array | null {
    const node = this.lookup(path);
    return node?.kind === 'file' ? node.data : null;
  }

  /** Names under a folder, recursively, as paths relative to it. */
  list(dir: string): string[] {
    const node = this.lookup(dir);
    if (!node || node.kind !== 'dir') return [];
    const out: string[] = [];
    const walk = (d: DirNode, prefix: string) => {
      for (const [name, child] of d.entries) {
        const p = prefix ? `${prefix}/${name}` : name;
        if (child.kind === 'dir') walk(child, p);
        else out.push(p);
      }
    };
    walk(node, '');
    return out.sort();
  }

  // ------------------------------------------------------------ internals

  private tick(): number {
    return ++this.clock;
  }

  private checkAlive(): void {
    if (this.crashed) throw new SimulatedCrash();
  }

  private step(what: string): void {
    this.checkAlive();
    this.steps++;
    this.log.push(what);
    if (this.crashAt !== null && this.steps >= this.crashAt) {
      this.crashed = true;
      throw new SimulatedCrash();
    }
  }

  private faultFor(op: string, path: string): void {
    if (!this.fault) return;
    // A full disk still allows renames and removals (they free or reuse space).
    if (this.fault === 'ENOSPC' && (op === 'rename' || op === 'unlink')) return;
    throw fsError(this.fault, op, path);
  }

  private lookup(path: string): Node | null {
    let node: Node = this.root;
    for (const part of split(path)) {
      if (node.kind !== 'dir') return null;
      const next: Node | undefined = node.entries.get(part);
      if (!next) return null;
      node = next;
    }
    return node;
  }

  private parentOf(path: string): { parent: DirNode; name: string } {
    const parts = split(path);
    const name = parts.pop();
    const parent = this.lookup('/' + parts.join('/'));
    if (!name || !parent) throw fsError('ENOENT', 'open', path);
    if (parent.kind !== 'dir') throw fsError('ENOTDIR', 'open', path);
    return { parent, name };
  }
}

function split(path: string): string[] {
  return path.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
