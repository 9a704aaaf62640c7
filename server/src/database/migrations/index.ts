import { InitialSchema1764460000000 } from './1764460000000-initial-schema';

export const MIGRATIONS = [InitialSchema1764460000000];
