export { MqttConnection, mqttUrlFromEnv, topicMatches } from './mqtt-connection';
export type { MqttConnectionOptions, MqttMessageHandler, MqttStatus } from './mqtt-connection';
export { MqttInputBackend, parseMqttValue, type MqttInputChannel, type MqttInputOptions } from './mqtt-input';
export { MqttOutputBackend, type MqttOutputChannel } from './mqtt-output';
export { HA_DISCOVERY_PREFIX, haDiscoveryTopic, haNumberConfig, haSensorClass, haSensorConfig, haSwitchConfig, publishHaDiscovery, removeHaDiscovery } from './home-assistant';
export type { HaComponent, HaDevice, HaDiscoveryMessage, HaNumberOptions, HaSensorOptions, HaSwitchOptions } from './home-assistant';
