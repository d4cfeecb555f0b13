import { Type } from 'class-transformer';
import { IsNumber, IsString, ValidateNested } from 'class-validator';
import { IgnoreUnknownProperties, createValidationPipe, validationFieldErrors } from './validation';

class StrictDto {
  @IsString() name: string;
}

@IgnoreUnknownProperties()
class LenientDto {
  @IsString() name: string;
}

class LenientChildDto extends LenientDto {}

class PointDto {
  @IsNumber() latitude: number;
}

@IgnoreUnknownProperties()
class NestedDto {
  @IsString() name: string;
  @ValidateNested() @Type(() => PointDto) coordinates: PointDto;
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();

  it('refuses unknown properties of an ordinary DTO', async () => {
    await expect(pipe.transform({ name: 'a', extra: 1 }, { type: 'body', metatype: StrictDto })).rejects.toMatchObject({ response: { message: ['property extra should not exist'] } });
  });

  it('drops unknown properties of a DTO marked @IgnoreUnknownProperties (and its subclasses), still validating the known ones', async () => {
    const out = await pipe.transform({ name: 'a', extra: 1 }, { type: 'body', metatype: LenientDto });
    expect(out).toBeInstanceOf(LenientDto);
    expect(out).toEqual({ name: 'a' });
    expect(await pipe.transform({ name: 'b', page_size: '3' }, { type: 'query', metatype: LenientChildDto })).toEqual({ name: 'b' });
    await expect(pipe.transform({ name: 5, extra: 1 }, { type: 'body', metatype: LenientDto })).rejects.toMatchObject({ response: { message: ['name must be a string'] } });
  });

  it('drops credential query parameters before either kind sees them', async () => {
    expect(await pipe.transform({ name: 'a', api_key: 'k' }, { type: 'query', metatype: StrictDto })).toEqual({ name: 'a' });
  });

  it('keeps the messages per field (nested like the input) beside the flat list', async () => {
    const failure = await pipe.transform({ name: 5, coordinates: { latitude: 'x' }, extra: 1 }, { type: 'body', metatype: NestedDto }).catch((e: unknown) => e);
    expect(validationFieldErrors(failure)).toEqual({ name: ['name must be a string'], coordinates: { latitude: [expect.stringMatching(/latitude must be a number/)] } });
    expect(failure).toMatchObject({ response: { message: expect.arrayContaining(['name must be a string']) } });
    expect(JSON.stringify((failure as { getResponse(): unknown }).getResponse())).not.toMatch(/coordinates":\{/);
    expect(validationFieldErrors(new Error('x'))).toBeUndefined();
  });
});
