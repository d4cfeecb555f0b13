export { PidController } from './pid-controller';
export * from './pid-types';
export { ThermalPlant, SimulatedOutput, runClosedLoop, type ThermalPlantOptions, type ClosedLoopOptions, type ClosedLoopSample } from './thermal-plant';
