import { Logger, type Provider } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { MQTT_PUBLISHER } from '../outputs/output-backend';
import { MqttConnection } from './mqtt-connection';

/** Injection token of the daemon's MqttConnection; null without MQTT_URL. */
export const MQTT_CONNECTION = Symbol('MQTT_CONNECTION');

/** Root of Skygate's own topics (availability, states, commands) and Home Assistant's node_id. */
export const MQTT_NODE_ID = 'skygate';
export const MQTT_AVAILABILITY_TOPIC = `${MQTT_NODE_ID}/status`;

/** MQTT_CONNECTION from MQTT_URL, and MQTT_PUBLISHER (outputs, function actions) backed by it. */
export const DAEMON_MQTT_PROVIDERS: Provider[] = [
  {
    provide: MQTT_CONNECTION,
    inject: [AppConfig],
    useFactory: async (config: AppConfig): Promise<MqttConnection | null> => {
      if (!config.mqtt.url) return null;
      const options = { url: config.mqtt.url, availability: { topic: MQTT_AVAILABILITY_TOPIC }, connectTimeoutMs: 5000 };
      try {
        return await MqttConnection.connect(options);
      } catch (err) {
        // The daemon starts without the broker and keeps trying: a broker that starts later (or after a power cut) is picked up.
        new Logger('DaemonMqtt').warn(`${(err as Error).message}; retrying in the background, MQTT inputs, outputs and Home Assistant discovery wait for it`);
        return MqttConnection.open(options);
      }
    },
  },
  { provide: MQTT_PUBLISHER, inject: [MQTT_CONNECTION], useFactory: (connection: MqttConnection | null) => connection },
];
