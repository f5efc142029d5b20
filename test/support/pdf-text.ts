import { inflateSync } from 'node:zlib';

/**
 * A small, independent reader of what a PDF says, for tests: checks the file's frame (header,
 * xref, trailer, %%EOF), inflates every FlateDecode stream, reads the fonts' ToUnicode CMaps and
 * decodes the hex strings of the text operators (Tj/TJ) through them. Enough for PDFs whose text is
 * in one embedded font (the hub's reports); it fails loudly rather than guess anything else.
 */
export function pdfText(pdf: Buffer): { text: string; pages: number; info: string } {
  const raw = pdf.toString('latin1');
  if (!raw.startsWith('%PDF-1.')) throw new Error('not a PDF: no %PDF-1.x header');
  if (!/startxref\s+\d+\s+%%EOF\s*$/.test(raw)) throw new Error('not a complete PDF: no startxref/%%EOF at the end');
  const xrefAt = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(raw)![1]);
  if (!raw.startsWith('xref', xrefAt)) throw new Error('startxref does not point at the xref table');
  if (!/trailer\s*<<[\s\S]*\/Root \d+ 0 R/.test(raw)) throw new Error('no trailer with a /Root');

  const streams: string[] = [];
  const re = /<<((?:[^<>]|<<[^]*?>>|<[^<>]*>)*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const length = /\/Length (\d+)(?! \d+ R)/.exec(m[1]);
    if (!length) throw new Error('a stream without a direct /Length');
    const start = m.index + m[0].length;
    const body = pdf.subarray(start, start + Number(length[1]));
    streams.push(/\/FlateDecode/.test(m[1]) ? inflateSync(body).toString('latin1') : body.toString('latin1'));
  }

  const cmaps = streams.filter((s) => s.includes('begincmap'));
  if (cmaps.length !== 1) throw new Error(`expected the text in one embedded font with one ToUnicode CMap, found ${cmaps.length}`);
  const toUnicode = new Map<number, string>();
  // a destination may be several UTF-16 units, written with spaces between them (<0066 0069> for "fi")
  const hex16 = (h: string) => {
    const x = h.replace(/\s+/g, '');
    return Buffer.from(x.length % 4 ? `00${x}` : x, 'hex').swap16().toString('utf16le');
  };
  for (const [, block] of cmaps[0].matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, src, dst] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) toUnicode.set(parseInt(src, 16), hex16(dst));
  for (const [, block] of cmaps[0].matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(lo, 16);
      const to = parseInt(hi, 16);
      if (dst.startsWith('[')) [...dst.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach(([, d], i) => toUnicode.set(from + i, hex16(d)));
      else for (let g = from, u = parseInt(dst.slice(1, -1), 16); g <= to; g++, u++) toUnicode.set(g, String.fromCodePoint(u));
    }
  }

  const lines: string[] = [];
  for (const s of streams) {
    for (const [, op] of s.matchAll(/(\[(?:[^\]]*)\]\s*TJ|<[0-9a-fA-F]*>\s*Tj)/g)) {
      let text = '';
      for (const [, h] of op.matchAll(/<([0-9a-fA-F]*)>/g))
        for (let i = 0; i + 4 <= h.length; i += 4) text += toUnicode.get(parseInt(h.slice(i, i + 4), 16)) ?? '\uFFFD';
      lines.push(text);
    }
  }
  const pages = (raw.match(/\/Type \/Page\b/g) ?? []).length;
  const infoRef = /\/Info (\d+) 0 R/.exec(raw);
  const info = infoRef ? (new RegExp(`\\n${infoRef[1]} 0 obj\\s*([\\s\\S]*?)endobj`).exec(raw)?.[1] ?? '') : '';
  return { text: lines.join('\n'), pages, info };
}
