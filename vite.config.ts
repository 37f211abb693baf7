import { defineConfig, type UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';

// One config, three shapes, chosen by `mode` (scripts/build.ts runs them in turn):
// - pages: popup and options (Preact, shared chunks, copies public/)
// - background: one ES module for the service worker / Firefox event page
// - content: one IIFE, as small as possible, because it runs on every page the user visits
const root = resolve(import.meta.dirname, 'src');
// EMISSARY_DIST: the same staging folder scripts/build.ts copies from.
const outDir = resolve(import.meta.dirname, process.env.EMISSARY_DIST ?? 'dist', 'build');

export default defineConfig(({ mode }): UserConfig => {
  const common: UserConfig = {
    root,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: false, target: 'es2022', sourcemap: false, modulePreload: false },
  };
  if (mode === 'background' || mode === 'content') {
    const isContent = mode === 'content';
    return {
      ...common,
      publicDir: false,
      build: {
        ...common.build,
        minify: true,
        lib: {
          entry: resolve(root, isContent ? 'content/index.ts' : 'background/index.ts'),
          formats: [isContent ? 'iife' : 'es'],
          name: 'emissary',
          fileName: () => (isContent ? 'content.js' : 'background.js'),
        },
      },
    };
  }
  return {
    ...common,
    plugins: [preact()],
    publicDir: resolve(import.meta.dirname, 'public'),
    build: {
      ...common.build,
      rollupOptions: { input: { popup: resolve(root, 'popup.html'), options: resolve(root, 'options.html') } },
    },
  };
});
