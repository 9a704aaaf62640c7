import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { OLDER_DEVICES, svelteCssWithoutWhere } from '../scripts/lib/svelte-css-compat.mjs';

// Served by the server at /board/; in development the API and the live feed are proxied to it.
const api = process.env.SKILLSCORE_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  base: '/board/',
  // phones load the board cold over venue Wi-Fi: the server sends these precompressed files
  plugins: [svelteCssWithoutWhere(), svelte(), compression({ algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })], include: /\.(js|css|html|svg)$/, threshold: 512 })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // older phones and tablets (Chrome 79, iOS 13.4): `?.` and `??` are lowered, CSS too
    target: OLDER_DEVICES,
    cssTarget: OLDER_DEVICES,
    sourcemap: false,
    // scripts/size.mjs reads it to add up the chunks a phone loads
    manifest: true,
    // the board, and the broadcast overlay for OBS / vMix browser sources
    rollupOptions: { input: { index: 'index.html', overlay: 'overlay.html' } },
  },
  server: {
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
