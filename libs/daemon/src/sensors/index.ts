export { SensorReadError } from './sensor-read-error';
export { altitudeM, dewPointC } from './atmosphere';
export { BME280, Bme280Backend, compensateBme280, parseBme280Calibration, parseBme280Data } from './bme280';
export type { Bme280Calibration, Bme280Options, Bme280Oversampling, Bme280Raw, Bme280Reading } from './bme280';
export { bme280Simulator, type Bme280SimulatorOptions } from './bme280-simulator';
export { Ds18b20Backend, W1_DEVICES_ROOT, W1_THERMOMETER_FAMILIES, discoverW1Thermometers, parseW1Slave } from './ds18b20';
export type { Ds18b20Options, W1Reading, W1Sensor } from './ds18b20';
export { I2cUnavailableError, MemoryI2cBus, openI2cBus, type I2cBus, type MemoryI2cDevice } from './i2c-bus';
