import { FocuserInit1795400000100 } from './1795400000100-focuser-init';

export const ALLSKY_MIGRATIONS = [FocuserInit1795400000100];
