import { IsString } from 'class-validator';
import { IgnoreUnknownProperties, createValidationPipe } from './validation';

class StrictDto {
  @IsString() name: string;
}

@IgnoreUnknownProperties()
class LenientDto {
  @IsString() name: string;
}

class LenientChildDto extends LenientDto {}

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
});
