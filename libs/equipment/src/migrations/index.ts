import { EquipmentInit1795430000000 } from './1795430000000-equipment-init';

export const EQUIPMENT_MIGRATIONS = [EquipmentInit1795430000000];
