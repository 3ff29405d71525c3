// A consistent online copy of a PostgreSQL database: pg_dump's custom-format archive (restore it
// with pg_restore), taken in one snapshot while the instances keep writing.
import { spawn } from 'node:child_process';
import type { BackupResult } from '../database.js';

export function dumpPostgres(url: string, file: string): Promise<BackupResult> {
  // The password goes in the environment, not on the command line, where other users could read it.
  const address = new URL(url);
  const password = decodeURIComponent(address.password);
  address.password = '';
  return new Promise((resolve) => {
    const child = spawn('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${address.toString()}`], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ENOENT' ? { ok: false, reason: 'tool_missing', detail: 'pg_dump' } : { ok: false, reason: 'failed', detail: error.message }),
    );
    child.on('close', (code) => resolve(code === 0 ? { ok: true } : { ok: false, reason: 'failed', detail: stderr.trim().split('\n').at(-1) ?? `exit ${code}` }));
  });
}
