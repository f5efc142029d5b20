import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Public } from '@hub/platform';
import { notFound } from '../http';

export const PORTAL_PAGE_FILES = Symbol('PORTAL_PAGE_FILES');

interface PageFile { body: Buffer; type: string }
export type PageFiles = ReadonlyMap<string, PageFile>;

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

/**
 * The page's files, read once at start-up: the static folder's index.html, app.js, eds-sign.js,
 * styles.css, and node-forge's browser bundle (the signing happens in the browser). A fixed set:
 * no path from a request ever reaches the file system.
 */
export function loadPageFiles(staticDir: string): PageFiles {
  const files = new Map<string, PageFile>();
  const add = (name: string, path: string) => files.set(name, { body: readFileSync(path), type: TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream' });
  for (const name of ['index.html', 'app.js', 'eds-sign.js', 'styles.css']) add(name, join(staticDir, name));
  add('forge.min.js', require.resolve('node-forge/dist/forge.min.js'));
  return files;
}

/** Strict: own scripts only (no inline script, no eval), same-origin fetches, no framing. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

@Public('the login page and its scripts: nothing in them is personal, and a person must reach them to log in')
@Controller()
export class PortalPageController {
  constructor(@Inject(PORTAL_PAGE_FILES) private readonly files: PageFiles) {}

  @Get()
  index(@Res() res: ServerResponse): void {
    this.send(res, 'index.html');
  }

  @Get('portal/:file')
  asset(@Param('file') file: string, @Res() res: ServerResponse): void {
    if (file === 'index.html' || !this.files.has(file)) throw notFound('file');
    this.send(res, file);
  }

  private send(res: ServerResponse, name: string): void {
    const f = this.files.get(name)!;
    res.writeHead(200, {
      'content-type': f.type, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer',
      'cache-control': name === 'index.html' ? 'no-cache' : 'public, max-age=300',
    }).end(f.body);
  }
}
