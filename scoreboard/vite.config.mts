import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Served by the server at /board/; in development the API and the live feed are proxied to it.
const api = process.env.SKILLSCORE_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  base: '/board/',
  plugins: [svelte()],
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
