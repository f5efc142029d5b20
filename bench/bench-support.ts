export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  reference: string;
  referenceValue: number;
  ratio: number;
  target?: string;
}

export function printRows(rows: readonly BenchRow[]): void {
  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
  const lines = rows.map((r) =>
    `${r.name.padEnd(44)} ${fmt(r.value).padStart(12)} ${r.unit.padEnd(10)} | ${r.reference.padEnd(40)} ${fmt(r.referenceValue).padStart(12)} | ratio ${r.ratio.toFixed(3)}${r.target ? `  (target ${r.target})` : ''}`,
  );
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
