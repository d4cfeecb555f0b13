import { FlatDeviceController, GuiderController, SwitchController } from './accessories.controller';
import { ApplicationController } from './application.controller';
import { CameraController } from './camera.controller';
import { DomeController } from './dome.controller';
import { EquipmentController } from './equipment.controller';
import { FilterWheelController } from './filterwheel.controller';
import { FocuserController, RotatorController } from './focuser-rotator.controller';
import { FramingController, ProfileController } from './framing-profile.controller';
import { ImageController } from './image.controller';
import { MountController } from './mount.controller';
import { NotBuiltController } from './not-built.controller';

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
  NotBuiltController,
];
