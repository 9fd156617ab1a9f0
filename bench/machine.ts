// What the numbers were measured on: CPU, cores, memory, Node, SQLite and wrangler versions, load, date.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  loadAverage1m: number;
  os: string;
  node: string;
  wrangler: string;
  date: string;
}

function packageVersion(root: string, name: string): string {
  try {
    const text = readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8');
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed) return String(parsed.version);
  } catch {
    // not installed: reported as unknown below
  }
  return 'unknown';
}

/** The processor's model name as the kernel reports it (os.cpus() can be empty in containers). */
function cpuModel(): string {
  const fromNode = os.cpus()[0]?.model?.trim();
  if (fromNode) return fromNode;
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) return match[1].trim();
  } catch {
    // not Linux
  }
  return 'unknown';
}

export function machineInfo(root: string, startedAt: Date): MachineInfo {
  return {
    cpuModel: cpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    wrangler: packageVersion(root, 'wrangler'),
    date: startedAt.toISOString(),
  };
}
