// Library build: ESM for every entry (`phial`, `phial/idb`, `phial/lit`, dependencies left
// to the user's bundler) and, with `--mode iife`, one self-contained `dist/phial.iife.js`
// that puts everything on the global `phial` for a plain <script src> page.
// The dev server (`npm run demo`) serves index.html and demo/.
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => {
  if (mode === 'iife') {
    return {
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        sourcemap: true,
        // The global is the package's name: `const { Phial } = Phial;` would be a SyntaxError.
        lib: { entry: 'src/iife.ts', name: 'phial', formats: ['iife'], fileName: () => 'phial.iife.js' },
      },
    };
  }
  return {
    build: {
      outDir: 'dist',
      sourcemap: true,
      lib: {
        entry: { index: 'src/index.ts', idb: 'src/idb/index.ts', lit: 'src/lit/index.ts' },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rollupOptions: { external: [/^lit($|\/)/, /^@lit\//, 'history', 'idb-keyval'] },
    },
  };
});
