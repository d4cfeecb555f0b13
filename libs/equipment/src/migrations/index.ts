import { EquipmentInit1795400000000 } from './1795400000000-equipment-init';

export const EQUIPMENT_MIGRATIONS = [EquipmentInit1795400000000];
