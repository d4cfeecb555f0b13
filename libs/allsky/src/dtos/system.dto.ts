import { ApiProperty } from '@nestjs/swagger';

export class SystemCpuDto {
  @ApiProperty({ example: 12.5, description: 'Load over all cores, percent' })
  loadPercent: number;
  @ApiProperty({ type: [Number], example: [0.52, 0.4, 0.31], description: '1, 5 and 15 minute load averages' })
  loadAverage: number[];
  @ApiProperty({ example: 4 })
  cores: number;
  @ApiProperty({ type: Number, nullable: true, example: 48.3, description: '°C; null where no sensor is exposed' })
  temperatureC: number | null;
}

export class SystemMemoryDto {
  @ApiProperty({ example: 4_000_000_000 })
  totalBytes: number;
  @ApiProperty({ example: 1_200_000_000 })
  usedBytes: number;
  @ApiProperty({ example: 2_800_000_000 })
  availableBytes: number;
  @ApiProperty({ example: 30 })
  usedPercent: number;
}

export class SystemDiskDto {
  @ApiProperty({ example: '/' })
  mount: string;
  @ApiProperty({ example: '/dev/mmcblk0p2' })
  fs: string;
  @ApiProperty({ example: 'ext4' })
  type: string;
  @ApiProperty({ example: 31_000_000_000 })
  sizeBytes: number;
  @ApiProperty({ example: 9_000_000_000 })
  usedBytes: number;
  @ApiProperty({ example: 29.03 })
  usedPercent: number;
}

export class SystemNetworkDto {
  @ApiProperty({ example: 'wlan0' })
  iface: string;
  @ApiProperty({ example: 'up' })
  state: string;
  @ApiProperty({ example: 123456 })
  rxBytes: number;
  @ApiProperty({ example: 65432 })
  txBytes: number;
  @ApiProperty({ type: Number, nullable: true, example: 2048, description: 'null on the first sample after start' })
  rxBytesPerSecond: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 512 })
  txBytesPerSecond: number | null;
}

export class SystemInfoDto {
  @ApiProperty({ example: '2026-11-22T03:14:15.000Z', description: 'When this sample was taken; samples are shared for 1.5 s' })
  sampledAt: string;
  @ApiProperty({ type: SystemCpuDto })
  cpu: SystemCpuDto;
  @ApiProperty({ type: SystemMemoryDto })
  memory: SystemMemoryDto;
  @ApiProperty({ type: [SystemDiskDto] })
  disks: SystemDiskDto[];
  @ApiProperty({ example: 86400 })
  uptimeSeconds: number;
  @ApiProperty({ type: [SystemNetworkDto] })
  network: SystemNetworkDto[];
}
