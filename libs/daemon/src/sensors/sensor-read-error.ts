/** A reading that failed for a reason worth logging (CRC error, reset value, wrong chip...). */
export class SensorReadError extends Error {
  override readonly name = 'SensorReadError';
}
