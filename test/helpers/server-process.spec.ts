import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from './server-process';

const ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);

describe('freePort', () => {
  it('gives ports below the ephemeral range that listen(0) draws from, each free, none twice in a row', async () => {
    const ports: number[] = [];
    for (let i = 0; i < 20; i++) ports.push(await freePort());
    expect(ports.filter((p) => p >= ephemeralLow)).toEqual([]);
    expect(new Set(ports).size).toBe(ports.length);
    const server = createServer().listen(ports[0], '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    await new Promise((r) => server.close(r));
  });

  it('skips a port that is taken', async () => {
    // Not at the end of this worker's block of 1,000, where the cursor wraps around.
    let first = await freePort();
    while ((first - ephemeralLow + 8000) % 1000 > 990) first = await freePort();
    // Hold the next ports the cursor would give: freePort must step past them.
    const held: ReturnType<typeof createServer>[] = [];
    for (let p = first + 1; p <= first + 3; p++) {
      const s = createServer().listen(p, '127.0.0.1');
      await new Promise((r) => s.once('listening', r));
      held.push(s);
    }
    try {
      expect(await freePort()).toBe(first + 4);
    } finally {
      await Promise.all(held.map((s) => new Promise((r) => s.close(r))));
    }
  });
});
