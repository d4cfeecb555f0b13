import { MqttOutputFactory } from './output-backends';
import type { MqttPublisher } from './output-backend';

/** The MQTT output against a recording publisher (the real client comes from the MQTT module behind MQTT_PUBLISHER). */
describe('MQTT output back-end', () => {
  const published: [string, string][] = [];
  const publisher: MqttPublisher = {
    publish: async (topic, payload) => {
      published.push([topic, payload]);
    },
  };

  it('publishes the channel payloads, duties and values to the channel topic', async () => {
    const backend = new MqttOutputFactory(publisher).create({}, [
      { channel: 0, options: { topic: 'dome/fan/set', payload_on: '1', payload_off: '0' } },
      { channel: 1, options: { topic: 'dome/heater/set' } },
    ]);
    await backend.on(0);
    await backend.off(0);
    await backend.on(1);
    await backend.duty!(1, 35);
    await backend.value!(1, 7);
    expect(published).toEqual([
      ['dome/fan/set', '1'],
      ['dome/fan/set', '0'],
      ['dome/heater/set', 'on'],
      ['dome/heater/set', '35'],
      ['dome/heater/set', '7'],
    ]);
    await expect(backend.on(2)).rejects.toThrow("output channel doesn't exist: 2");
  });

  it('fails clearly while no MQTT client is configured', async () => {
    const backend = new MqttOutputFactory(null).create({}, [{ channel: 0, options: { topic: 't' } }]);
    await expect(backend.on(0)).rejects.toThrow('no MQTT client is configured (set MQTT_URL)');
  });
});
