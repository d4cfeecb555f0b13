import { RecentLogs } from './recent-logs';

describe('RecentLogs', () => {
  it('keeps the last lines oldest first, parsed, and skips lines that are not JSON', () => {
    const logs = new RecentLogs(3);
    for (let i = 1; i <= 4; i++) logs.record(JSON.stringify({ level: i === 4 ? 40 : 30, time: i * 1000, context: 'Probe', msg: `line ${i}` }));
    expect(logs.entries().map((e) => e.message)).toEqual(['line 2', 'line 3', 'line 4']);
    expect(logs.entries()[2]).toEqual({ time: new Date(4000), level: 'warn', context: 'Probe', message: 'line 4' });
    logs.record('not json');
    expect(logs.entries().map((e) => e.message)).toEqual(['line 3', 'line 4']);
  });

  it('names request lines "http"', () => {
    const logs = new RecentLogs(2);
    logs.record(JSON.stringify({ level: 30, time: 0, req: { method: 'GET' }, msg: 'request completed' }));
    expect(logs.entries()[0].context).toBe('http');
  });
});
