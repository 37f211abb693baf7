import { defineConfig, type UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';

// One config, three shapes, chosen by `mode` (scripts/build.ts runs them in turn):
// - pages: popup and options (Preact, shared chunks, copies public/)
// - background: one classic script (IIFE) for the service worker / Firefox event page. Not an ES
//   module: Chromium keeps a V8 code cache for a classic service worker script but none for a module
//   one, and without it every wake of the worker compiles the whole bundle again (bench worker-wake)
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
          formats: ['iife'],
          name: 'emissary',
          fileName: () => (isContent ? 'content.js' : 'background.js'),
        },
        // The background's sources are ES modules, strict by definition: its IIFE stays strict.
        ...(isContent ? {} : { rolldownOptions: { output: { strict: true } } }),
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
