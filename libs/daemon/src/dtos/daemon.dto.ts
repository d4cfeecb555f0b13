import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString } from 'class-validator';

export class ControllerStatusDto {
  @ApiProperty() is_active: boolean;
}

/** Mycodo's Controller_Modulation_Fields; `activate` must be a JSON boolean. */
export class ControllerModulationDto {
  @ApiProperty({ description: 'Activate (true) or deactivate (false) a controller.' })
  @IsBoolean()
  activate: boolean;
}

export class DaemonStatusDto {
  @ApiProperty() is_running: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Resident memory of the Skygate process in MB' }) RAM: number | null;
  @ApiProperty({ description: 'Always false: Skygate is not a Python program (kept for Mycodo clients)' }) python_virtual_env: boolean;
}

export class DaemonTerminateDto {
  @ApiProperty() terminated: boolean;
}

export class LogTailDto {
  @ApiProperty({ description: 'The last lines of the daemon log, oldest first' }) lines: string[];
}

export class NoteCreateDto {
  @ApiProperty({ example: 'tag1,tag2', description: 'Tag names separated by commas' })
  @IsString()
  tags: string;

  @ApiProperty({ example: 'Note Name' })
  @IsString()
  @IsNotEmpty()
  name: string;

  @ApiProperty({ example: 'My Note.' })
  @IsString()
  note: string;
}
