import { ApiProperty } from '@nestjs/swagger';

export class ChoiceDto {
  @ApiProperty({ example: 'Dome sensor CH0 (temperature, C)' }) item: string;
  @ApiProperty({ example: '<device unique_id>,<device measurement unique_id>' }) value: string;
}

export class ControllerChoicesDto {
  @ApiProperty({ name: 'choices controllers', type: [ChoiceDto] }) 'choices controllers': ChoiceDto[];
}
export class InputMeasurementChoicesDto {
  @ApiProperty({ name: 'choices inputs measurements', type: [ChoiceDto] }) 'choices inputs measurements': ChoiceDto[];
}
export class OutputDeviceChoicesDto {
  @ApiProperty({ name: 'choices outputs devices', type: [ChoiceDto] }) 'choices outputs devices': ChoiceDto[];
}
export class OutputMeasurementChoicesDto {
  @ApiProperty({ name: 'choices outputs measurements', type: [ChoiceDto] }) 'choices outputs measurements': ChoiceDto[];
}
export class PidMeasurementChoicesDto {
  @ApiProperty({ name: 'choices pids measurements', type: [ChoiceDto] }) 'choices pids measurements': ChoiceDto[];
}
export class BackendChoicesDto {
  @ApiProperty({ name: 'choices back-ends', type: [ChoiceDto], description: 'item: description, value: the output_type or input device name' }) 'choices back-ends': ChoiceDto[];
}
