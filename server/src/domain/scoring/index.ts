/**
 * The scoring rules: pure functions from marks to ranks, awards and team results.
 * No framework, database or network code may be imported here.
 */
export * from './types';
export * from './ratio';
export * from './decimal';
export * from './aggregate';
export * from './entry';
export * from './ranking';
export * from './awards';
export * from './standings';
export * from './teams';
export * from './consistency';
export * from './scheme';
export * from './marks';
export * from './problems';
export * from './validate-scheme';
export * from './validate-contest';
export * from './reveal';
