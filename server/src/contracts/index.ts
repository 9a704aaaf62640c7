/** Wire types shared by the server and both apps. No framework imports here. */
export * from './contest-file';
export * from './standings';
export * from './feed';
export * from './watch-request';
export * from './compact-feed';
export * from './sheets';
export * from './sessions';
export * from './session-limits';
export * from './chief';
export * from './audit';
export * from './errors';
export * from './staff';
export * from './importer';
export * from './contests';
export * from './server-info';
