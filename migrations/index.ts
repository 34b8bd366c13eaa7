// Every migration, in order. Listed explicitly so builds and PGlite need no glob loading.
import { Foundation1795452000000 } from './1795452000000-foundation';
import { Agreement1795460000000 } from './1795460000000-agreement';

export const MIGRATIONS = [Foundation1795452000000, Agreement1795460000000];
