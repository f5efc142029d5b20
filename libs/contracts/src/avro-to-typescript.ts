// Generates TypeScript interfaces from the Avro schemas in schemas/, so message types cannot
// drift from the schemas: the generated files are committed and a unit test regenerates and
// compares them.
type AvroType = string | AvroType[] | { type: string; [k: string]: unknown };
interface AvroField { name: string; type: AvroType; doc?: string }
interface AvroRecord { type: 'record'; name: string; namespace?: string; doc?: string; fields: AvroField[] }

const PRIMITIVES: Record<string, string> = {
  null: 'null', boolean: 'boolean', int: 'number', long: 'number', float: 'number', double: 'number', bytes: 'Buffer', string: 'string',
};

export function generateTypes(schema: AvroRecord, source: string): string {
  const declarations: string[] = [];
  const named = new Map<string, string>();

  const typeOf = (t: AvroType): string => {
    if (typeof t === 'string') return PRIMITIVES[t] ?? named.get(t) ?? named.get(t.split('.').pop() ?? t) ?? 'unknown';
    if (Array.isArray(t)) return t.map(typeOf).join(' | ');
    switch (t.type) {
      case 'record': return emitRecord(t as unknown as AvroRecord);
      case 'enum': {
        const name = t.name as string;
        declarations.push(`export type ${name} = ${(t.symbols as string[]).map((s) => `'${s}'`).join(' | ')};\nexport const ${name}Values = [${(t.symbols as string[]).map((s) => `'${s}'`).join(', ')}] as const;`);
        named.set(name, name);
        return name;
      }
      case 'array': return `Array<${typeOf(t.items as AvroType)}>`;
      case 'map': return `Record<string, ${typeOf(t.values as AvroType)}>`;
      case 'fixed': return 'Buffer';
      default: return typeOf(t.type);
    }
  };

  const emitRecord = (r: AvroRecord): string => {
    named.set(r.name, r.name);
    const fields = r.fields.map((f) => `${f.doc ? `  /** ${f.doc.replace(/\*\//g, '* /')} */\n` : ''}  ${f.name}: ${typeOf(f.type)};`);
    declarations.push(`${r.doc ? `/** ${r.doc.replace(/\*\//g, '* /')} */\n` : ''}export interface ${r.name} {\n${fields.join('\n')}\n}`);
    return r.name;
  };

  emitRecord(schema);
  return `// Generated from schemas/${source} by \`npm run schemas:types\`. Do not edit.\n\n${declarations.join('\n\n')}\n`;
}
