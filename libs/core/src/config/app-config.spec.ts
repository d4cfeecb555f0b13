import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to port 8090 on every interface with PGlite in ./data', () => {
    const config = loadConfig({}, '/srv/skygate');
    expect(config.port).toBe(8090);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe('/srv/skygate/data');
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/srv/skygate/data/pglite' });
    expect(config.logLevel).toBe('info');
    expect(config.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://sky:pw@127.0.0.1:5432/skygate' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://sky:pw@127.0.0.1:5432/skygate' });
  });

  it.each([
    ['PORT', 'abc', 'an integer 1-65535'],
    ['PORT', '70000', 'an integer 1-65535'],
    ['DATABASE_URL', 'mysql://x@y/z', 'postgres://'],
    ['LOG_LEVEL', 'loud', 'fatal, error, warn, info, debug, trace, silent'],
    ['UPLOAD_MAX_BYTES', '-5', 'positive integer'],
    ['HOST', '  ', 'address'],
    ['GPIO_DRIVER', 'bogus', 'auto, gpiochip, pigpio, onoff, simulated'],
    ['GPIO_SAFE_STATE', 'maybe', 'off, on, restore'],
    ['ALLSKY_SERVICE_MANAGER', 'init', 'auto, systemd, simulated'],
    ['ALLSKY_SERVICE_UNIT', 'all sky', 'a systemd unit name'],
    ['PLATE_SOLVER', 'astap', 'astrometry, none'],
    ['PLATE_SOLVE_TIMEOUT_SECONDS', '0', 'positive integer'],
  ])('refuses %s=%s and says what is allowed', (name, value, allowed) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain(`${name}: got "${value}"`);
    expect(message).toContain(allowed);
  });

  it('reads the GPIO and allsky service settings, defaulting to auto, off and the allsky unit', () => {
    expect(loadConfig({}, '/srv').hardware).toEqual({ gpioDriver: 'auto', gpioSafeState: 'off', allskyHome: undefined, serviceManager: 'auto', serviceUnit: 'allsky' });
    const config = loadConfig({ GPIO_DRIVER: 'onoff', GPIO_SAFE_STATE: 'restore', ALLSKY_HOME: 'allsky', ALLSKY_SERVICE_MANAGER: 'systemd', ALLSKY_SERVICE_UNIT: 'allsky.service' }, '/home/pi');
    expect(config.hardware).toEqual({ gpioDriver: 'onoff', gpioSafeState: 'restore', allskyHome: '/home/pi/allsky', serviceManager: 'systemd', serviceUnit: 'allsky.service' });
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
  });

  it('reads SYNC_UPLOAD_ROOTS as folders relative to the working directory, unset meaning DATA_DIR/files', () => {
    expect(loadConfig({ SYNC_UPLOAD_ROOTS: 'captures, /var/lib/allsky' }, '/srv').sync.uploadRoots).toEqual(['/srv/captures', '/var/lib/allsky']);
    expect(loadConfig({}, '/srv').sync.uploadRoots).toBeUndefined();
    expect(() => loadConfig({ SYNC_UPLOAD_ROOTS: ' , ' })).toThrow(/SYNC_UPLOAD_ROOTS: got " , "; allowed: comma-separated folder paths/);
  });

  it('reads the plate solver settings, defaulting to astrometry.net with Debian\'s index folder and 60 s', () => {
    expect(loadConfig({}, '/srv').plateSolving).toEqual({ solver: 'astrometry', indexDir: '/usr/share/astrometry', timeoutSeconds: 60 });
    const config = loadConfig({ PLATE_SOLVER: 'none', ASTROMETRY_INDEX_DIR: 'index', PLATE_SOLVE_TIMEOUT_SECONDS: '20' }, '/srv');
    expect(config.plateSolving).toEqual({ solver: 'none', indexDir: '/srv/index', timeoutSeconds: 20 });
  });

  it('reads MQTT_URL (mqtt, mqtts, ws, wss), unset meaning no MQTT, and never echoes a bad one', () => {
    expect(loadConfig({}).mqtt.url).toBeUndefined();
    expect(loadConfig({}).mqtt.discoveryPrefix).toBe('homeassistant');
    expect(loadConfig({ MQTT_DISCOVERY_PREFIX: 'observatory/ha' }).mqtt.discoveryPrefix).toBe('observatory/ha');
    for (const bad of ['ha/#', '+/ha', '/ha', 'ha/', 'a//b']) expect(() => loadConfig({ MQTT_DISCOVERY_PREFIX: bad })).toThrow(/MQTT_DISCOVERY_PREFIX/);
    expect(loadConfig({ MQTT_URL: 'mqtt://user:pw@127.0.0.1:1883' }).mqtt.url).toBe('mqtt://user:pw@127.0.0.1:1883');
    expect(loadConfig({ MQTT_URL: 'wss://broker.example/mqtt' }).mqtt.url).toBe('wss://broker.example/mqtt');
    expect(() => loadConfig({ MQTT_URL: 'http://user:secret@broker:1883' })).toThrow(/MQTT_URL: got a value of \d+ characters; allowed: mqtt:\/\//);
    expect(() => loadConfig({ MQTT_URL: 'http://user:secret@broker:1883' })).not.toThrow(/secret/);
  });

  it('every variable is documented in the README configuration table', () => {
    const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
    for (const name of Object.keys(CONFIG_VARIABLES)) expect(readme).toContain(`| \`${name}\``);
  });
});
