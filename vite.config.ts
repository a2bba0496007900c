// Library builds (`vite build` makes all four: the production build's plugin runs the rest):
// - `vite build` (production): ESM, one file per module (so a bundler can shake what an app
//   does not use), not minified, `__PHIAL_DEV__` false, into dist/;
// - `vite build --mode development`: the same with rich messages and extra checks, into
//   dist/dev/ (the "development" export condition, which vite and esbuild resolve in dev);
// - `vite build --mode iife`: one minified, self-contained dist/phial.iife.js that puts
//   everything on the global `phial` for a plain <script src> page.
// The dev server (`npm run demo`) serves index.html and demo/ from the sources (development).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';

const external = [/^lit($|\/)/, /^@lit\//, /^history($|\/)/, 'idb-keyval'];

export default defineConfig(({ command, mode }) => {
  if (command === 'serve') return {};
  if (mode === 'iife') {
    return {
      define: { 'process.env.NODE_ENV': JSON.stringify('production'), __PHIAL_DEV__: 'false' },
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        sourcemap: true,
        minify: 'esbuild',
        // The global is the package's name: `const { Phial } = Phial;` would be a SyntaxError.
        lib: { entry: 'src/iife.ts', name: 'phial', formats: ['iife'], fileName: () => 'phial.iife.js' },
      },
    };
  }
  const dev = mode === 'development';
  return {
    plugins: dev ? [] : [theOtherBuilds()],
    define: { __PHIAL_DEV__: dev ? 'true' : 'false' },
    build: {
      outDir: dev ? 'dist/dev' : 'dist',
      emptyOutDir: !dev,
      sourcemap: true,
      minify: false,
      lib: {
        entry: { index: 'src/index.ts', 'idb/index': 'src/idb/index.ts', 'lit/index': 'src/lit/index.ts', 'debug/index': 'src/debug/index.ts' },
        formats: ['es'],
      },
      rollupOptions: {
        external,
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
  };
});

/**
 * `vite build` alone gives the whole package (SPEC §1: ESM for every entry plus the IIFE): once
 * the production modules are written, the development modules (`<outDir>/dev`), the IIFE and
 * the type declarations follow into the same outDir. PHIAL_ESM_ONLY=1 skips them (the size
 * report builds only what it measures).
 */
function theOtherBuilds(): Plugin {
  let outDir = 'dist';
  return {
    name: 'phial-other-builds',
    apply: 'build',
    configResolved(config) { outDir = config.build.outDir; },
    async closeBundle() {
      if (process.env.PHIAL_ESM_ONLY === '1') return;
      await build({ mode: 'development', logLevel: 'warn', build: { outDir: join(outDir, 'dev') } });
      await build({ mode: 'iife', logLevel: 'warn', build: { outDir } });
      const types = join(outDir, 'types');
      execFileSync(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', types], { stdio: 'inherit' });
    },
  };
}
