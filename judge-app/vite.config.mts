import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { OLDER_DEVICES, svelteCssWithoutWhere } from '../scripts/lib/svelte-css-compat.mjs';
import { VitePWA } from 'vite-plugin-pwa';

// Served by the server at /judge/; in development the API is proxied to it.
const api = process.env.SKILLSCORE_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  base: '/judge/',
  plugins: [
    svelteCssWithoutWhere(),
    svelte(),
    // tablets load the app cold over venue Wi-Fi: the server sends these precompressed files
    compression({ algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })], include: /\.(js|css|html|svg)$/, threshold: 512 }),
    VitePWA({
      // Registered by the app itself (src/lib/service-worker.ts), so no extra client library ships.
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: '技能竞赛评分 · 裁判端',
        short_name: '裁判评分',
        lang: 'zh-CN',
        start_url: '/judge/',
        scope: '/judge/',
        display: 'standalone',
        background_color: '#f3f5f8',
        theme_color: '#1f3a5f',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html}'],
        // the organizer console is a separate page: tablets never need it offline
        globIgnores: ['admin.html', 'assets/admin-*'],
        navigateFallback: '/judge/index.html',
        // Marks and logins must always reach the server: nothing under /api is ever cached. The
        // organizer console is a page of its own: a tablet that once ran this app must still open it.
        navigateFallbackDenylist: [/^\/api\//, /\/admin\.html$/],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // older phones and tablets (Chrome 79, iOS 13.4): `?.` and `??` are lowered, CSS too
    target: OLDER_DEVICES,
    cssTarget: OLDER_DEVICES,
    sourcemap: false,
    rollupOptions: { input: { main: 'index.html', admin: 'admin.html' } },
  },
  server: {
    proxy: { '/api': api },
  },
});
