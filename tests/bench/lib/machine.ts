import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGB: number;
  platform: string;
  node: string;
  chromium: string | null;
  /** 1, 5 and 15 minute load averages when the run started. */
  loadAverageAtStart: [number, number, number];
  /** …and when it ended: a busy machine makes every figure worse. */
  loadAverageAtEnd?: [number, number, number];
  uptime: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function loadAverage(): [number, number, number] {
  const [a, b, c] = os.loadavg();
  return [round2(a!), round2(b!), round2(c!)];
}

function distro(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    return pretty ? pretty[1]! : os.type();
  } catch {
    return os.type();
  }
}

export function machineInfo(chromiumVersion: string | null): MachineInfo {
  let uptime = '';
  try {
    uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    uptime = `${Math.round(os.uptime() / 60)} min`;
  }
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: round2(os.totalmem() / 2 ** 30),
    platform: `${distro()} (${os.platform()} ${os.release()}, ${os.arch()})`,
    node: process.version,
    chromium: chromiumVersion,
    loadAverageAtStart: loadAverage(),
    uptime,
  };
}
