// A named import: the bundler keeps only this field of package.json.
import { version } from '../../../package.json';

/** The tablet app's build, as the fleet monitor shows it. */
export const APP_VERSION: string = version;
