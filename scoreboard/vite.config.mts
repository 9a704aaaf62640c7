import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

// Served by the server at /board/; in development the API and the live feed are proxied to it.
const api = process.env.SKILLSCORE_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  base: '/board/',
  // phones load the board cold over venue Wi-Fi: the server sends these precompressed files
  plugins: [svelte(), compression({ algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })], include: /\.(js|css|html|svg)$/, threshold: 512 })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
