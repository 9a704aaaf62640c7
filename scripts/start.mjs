#!/usr/bin/env node
// `npm start`: builds whatever is older than its sources, then runs the product.
// DEMO defaults to 1 here (seed the demo contest on an empty database); `npm run demo` sets DEMO=live.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildStale, root } from './lib/build-stale.mjs';

if (!buildStale()) process.exit(1);

const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'server/dist/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DEMO: process.env.DEMO ?? '1' },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
