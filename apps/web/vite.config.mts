import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const lib = (p: string) => resolve(root, 'libs', p, 'src/index.ts');

export default defineConfig({
  root: import.meta.dirname,
  // Absolute asset URLs: index.html is also the answer to /projects/<id>/lfs, whose relative URLs would miss.
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@arbiter/contracts': lib('contracts'),
      '@arbiter/domain/lf': lib('domain/lf'),
      '@arbiter/domain/sampling': lib('domain/sampling'),
      '@arbiter/domain/label-model': lib('domain/label-model'),
      '@arbiter/util/random': lib('util/random'),
      '@arbiter/web/data-access': lib('web/data-access'),
      '@arbiter/web/ui': lib('web/ui'),
      '@arbiter/web/charts': lib('web/charts'),
      '@arbiter/web/feature-auth': lib('web/feature-auth'),
      '@arbiter/web/feature-annotate': lib('web/feature-annotate'),
      '@arbiter/web/feature-project': lib('web/feature-project'),
      '@arbiter/web/feature-lf': lib('web/feature-lf'),
      '@arbiter/web/feature-active-learning': lib('web/feature-active-learning'),
    },
  },
  build: { outDir: resolve(root, 'dist/web'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true } } },
});
