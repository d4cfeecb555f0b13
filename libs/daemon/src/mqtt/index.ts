export { MqttConnection, mqttUrlFromEnv, topicMatches } from './mqtt-connection';
export type { MqttConnectionOptions, MqttMessageHandler, MqttStatus } from './mqtt-connection';
export { MqttInputBackend, parseMqttValue, type MqttInputChannel, type MqttInputOptions } from './mqtt-input';
export { MqttOutputBackend, type MqttOutputChannel } from './mqtt-output';
export * from './home-assistant';
