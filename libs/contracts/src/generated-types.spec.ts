import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { renderAll } from './generate';

describe('generated message types', () => {
  it('match the Avro schemas in schemas/ (run `npm run schemas:types` after changing a schema)', () => {
    const root = path.resolve(__dirname, '../../..');
    const files = renderAll(root);
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      expect({ file: path.relative(root, f.path), content: existsSync(f.path) ? readFileSync(f.path, 'utf8') : '(missing)' })
        .toEqual({ file: path.relative(root, f.path), content: f.content });
    }
  });
});
