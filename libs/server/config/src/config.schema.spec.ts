import { parseConfig, ConfigError } from './config.schema';

describe('parseConfig', () => {
  it('points at the local services when nothing is set', () => {
    const c = parseConfig({});
    expect(c.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/arbiter');
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.PORT).toBe(3000);
    expect(c.QUEUE_BACKEND).toBe('redis');
  });

  it('lists every bad key at once', () => {
    try {
      parseConfig({ PORT: 'abc', QUEUE_BACKEND: 'kafka', DATABASE_URL: 'nope' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const issues = (err as ConfigError).issues.join('\n');
      expect(issues).toMatch(/^PORT:/m);
      expect(issues).toMatch(/^QUEUE_BACKEND:/m);
      expect(issues).toMatch(/^DATABASE_URL:/m);
    }
  });

  it('gives imports half the pool by default and refuses a limit that could take every connection', () => {
    expect(parseConfig({}).IMPORT_MAX_CONCURRENT).toBe(10);
    expect(parseConfig({ DATABASE_POOL_SIZE: '3' }).IMPORT_MAX_CONCURRENT).toBe(1);
    expect(parseConfig({ DATABASE_POOL_SIZE: '1' }).IMPORT_MAX_CONCURRENT).toBe(1);
    expect(() => parseConfig({ DATABASE_POOL_SIZE: '4', IMPORT_MAX_CONCURRENT: '4' })).toThrow(/IMPORT_MAX_CONCURRENT: must be below DATABASE_POOL_SIZE/);
  });
});
