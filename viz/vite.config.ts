// The browser app. One self-contained index.html (scripts, styles and the worker inlined): Chromium
// refuses module scripts and worker files from a file:// page, so a page that must open offline
// from file:// cannot load them as separate files. The same file is the viewer the HTML report embeds.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [viteSingleFile()],
  build: { outDir: fileURLToPath(new URL('../dist', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
