import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  // Compile runes for the browser so state classes behave as they do in the app.
  resolve: { conditions: ['browser'] },
  test: {
    include: ['src/**/*.spec.ts'],
    environment: 'node',
  },
});
