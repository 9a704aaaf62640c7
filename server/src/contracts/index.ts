/** Wire types shared by the server and both apps. No framework imports here. */
export * from './contest-file';
export * from './standings';
export * from './feed';
export * from './sheets';
export * from './chief';
export * from './errors';
export * from './staff';
export * from './importer';
export * from './contests';
