// Gathers what the worker serves as static assets into dist/public: the built task pane and /docs assets.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist', 'public');
const require = createRequire(path.join(root, 'worker', 'package.json'));
const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, 'docs', 'assets'), { recursive: true });
const pane = path.join(root, 'addin', 'dist');
if (existsSync(pane)) cpSync(pane, out, { recursive: true });
else console.warn('addin/dist is missing: run `npm run build -w addin` first; serving /docs only');
for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
  cpSync(path.join(swaggerDir, file), path.join(out, 'docs', 'assets', file));
}
cpSync(path.join(root, 'worker', 'public'), out, { recursive: true });
console.log(`static assets ready in ${path.relative(root, out)}`);
