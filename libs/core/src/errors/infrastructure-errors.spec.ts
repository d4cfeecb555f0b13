import { StorageFullError } from '../storage/file-store';
import { classifyInfrastructureError, wireFamilyError } from './infrastructure-errors';

const withCode = (message: string, code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code, ...extra });

describe('classifyInfrastructureError', () => {
  it('calls a lost database 503, whether pg, TypeORM or PGlite says so', () => {
    const lost = [
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { name: 'QueryFailedError', driverError: { code: 'ECONNREFUSED' } }),
      new Error('Connection terminated unexpectedly'),
      new Error('Driver not Connected'),
      new Error('PGlite is closed'),
      Object.assign(new Error('no connection'), { name: 'CannotExecuteNotConnectedError' }),
    ];
    for (const err of lost) expect({ cause: err.message, status: classifyInfrastructureError(err)?.status }).toEqual({ cause: err.message, status: 503 });
  });

  it('calls a full disk 507 and a value the database refuses 400', () => {
    expect(classifyInfrastructureError(new StorageFullError('ENOSPC'))?.status).toBe(507);
    const outOfRange = Object.assign(new Error('value "2147483648" is out of range for type integer'), { name: 'QueryFailedError', driverError: { code: '22003', message: 'value "2147483648" is out of range for type integer' } });
    expect(classifyInfrastructureError(outOfRange)).toEqual({ status: 400, message: 'A value in the request is not acceptable: value "2147483648" is out of range for type integer' });
  });

  it('leaves other errors alone: a refused INDI connection is not a lost database', () => {
    expect(classifyInfrastructureError(withCode('connect ECONNREFUSED 127.0.0.1:7624', 'ECONNREFUSED'))).toBeUndefined();
    expect(classifyInfrastructureError(new Error('Camera not connected'))).toBeUndefined();
    expect(classifyInfrastructureError(withCode('duplicate key value', '23505'))).toBeUndefined();
    expect(classifyInfrastructureError('not an error')).toBeUndefined();
  });

  it('renders each family its own shape', () => {
    expect(wireFamilyError('arcsecond', 503, 'down').getResponse()).toEqual({ detail: 'down' });
    expect(wireFamilyError('indi-allsky', 503, 'down').getResponse()).toEqual({ error: 'down' });
    expect(wireFamilyError('skygate', 507, 'full').getResponse()).toEqual({ statusCode: 507, error: 'Insufficient Storage', message: 'full' });
  });
});
