import { GpioInit1795400000000 } from './1795400000000-gpio-init';

export const GPIO_MIGRATIONS = [GpioInit1795400000000];
