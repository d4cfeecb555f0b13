import { ApiProperty } from '@nestjs/swagger';

/** Skygate's own error body (routes of the Skygate family); compatible families keep their own shapes. */
export class ErrorDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['steps must be a positive number'],
    description: 'What was wrong, naming the field',
  })
  message: string | string[];
}
