import { ApplicationController } from './application.controller';
import { AstroUtilController } from './astro-util.controller';
import { CameraController } from './camera.controller';
import { DomeController } from './dome.controller';
import { EquipmentController } from './equipment.controller';
import { FilterWheelController } from './filterwheel.controller';
import { FlatDeviceController } from './flatdevice.controller';
import { FlatsController } from './flats.controller';
import { FocuserController } from './focuser.controller';
import { FramingController } from './framing.controller';
import { GuiderController } from './guider.controller';
import { ImageController } from './image.controller';
import { ImagePrefixController } from './image-prefix.controller';
import { LivestackController } from './livestack.controller';
import { MountController } from './mount.controller';
import { PlateSolveController } from './plate-solve.controller';
import { PluginController } from './plugin.controller';
import { ProfileController } from './profile.controller';
import { RotatorController } from './rotator.controller';
import { SwitchController } from './switch.controller';

/** Specific device routes first: EquipmentController's `:device/info` must not shadow them. */
export const NINA_CONTROLLERS = [
  ApplicationController,
  CameraController,
  MountController,
  FocuserController,
  RotatorController,
  FilterWheelController,
  DomeController,
  SwitchController,
  FlatDeviceController,
  GuiderController,
  EquipmentController,
  ImageController,
  FramingController,
  ProfileController,
  FlatsController,
  LivestackController,
  AstroUtilController,
  PluginController,
  ImagePrefixController,
  PlateSolveController,
];
