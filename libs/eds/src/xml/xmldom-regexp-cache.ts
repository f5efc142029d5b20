/**
 * @xmldom/xmldom 0.9.12 (the newest release) builds a fresh RegExp for every end tag it parses:
 * sax.js calls `g.reg('^', g.QName_group, g.S_OPT, '$')` per `</…>`, which joins the sources of
 * the XML name productions (tens of kilobytes of Unicode character classes) and looks the result
 * up in V8's regexp cache, every time. For a 4.5 KB gateway message with 36 end tags that was
 * about a third of the parse: 0.31–0.50 ms of CPU per parse before, 0.20–0.33 ms after (same
 * message, alternating runs on the 2-core bench machine), and the SOAP door parses one per exchange.
 *
 * `reg` is a pure function of its arguments (strings and RegExp objects, combined by their
 * source, flag `u` only: no `g` or `y`, so the returned expression keeps no lastIndex state and
 * one instance can serve every caller), so sax.js's calls are memoised here by argument identity.
 * Only the exported `reg` that sax.js reaches through the module object is replaced; grammar.js's
 * own definitions were built at load time. Should a release rename or drop it, nothing is patched
 * and parsing is as before, only slower.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const grammar = require('@xmldom/xmldom/lib/grammar') as { reg?: (...parts: Array<string | RegExp>) => RegExp; __hubMemoised?: true };

const MAX_ENTRIES = 64;

function memoise(): void {
  const original = grammar.reg;
  if (typeof original !== 'function' || grammar.__hubMemoised) return;
  const ids = new WeakMap<RegExp, number>();
  let nextId = 0;
  const cache = new Map<string, RegExp>();
  grammar.reg = function reg(this: unknown, ...parts: Array<string | RegExp>): RegExp {
    let key = this === undefined ? 'u' : 't';
    for (const p of parts) {
      if (typeof p === 'string') key += `\u0000s${p}`;
      else {
        let id = ids.get(p);
        if (id === undefined) ids.set(p, (id = ++nextId));
        key += `\u0000r${id}`;
      }
    }
    let found = cache.get(key);
    if (!found) {
      found = original.apply(this, parts);
      if (cache.size < MAX_ENTRIES) cache.set(key, found);
    }
    return found;
  };
  grammar.__hubMemoised = true;
}

memoise();
