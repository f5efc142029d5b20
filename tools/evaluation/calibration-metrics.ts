/**
 * Calibration of a probability score (issue 13 item 3): a final index's value is read as a
 * probability, so besides ranking (AUC) it must be right on average where it says so.
 */

/** Mean squared difference between the predicted probability and what happened (0 is perfect). */
export function brierScore(predicted: readonly number[], happened: readonly boolean[]): number {
  if (predicted.length !== happened.length || predicted.length === 0) throw new Error('need as many outcomes as predictions, and at least one');
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += (predicted[i] - (happened[i] ? 1 : 0)) ** 2;
  return sum / predicted.length;
}

export interface ReliabilityBin { decile: number; count: number; meanPredicted: number; observedRate: number }

/**
 * Reliability by decile: subjects sorted by predicted probability and cut into ten equal groups;
 * a calibrated score has each group's mean prediction close to its observed rate.
 */
export function reliabilityByDecile(predicted: readonly number[], happened: readonly boolean[], bins = 10): ReliabilityBin[] {
  if (predicted.length !== happened.length) throw new Error('need as many outcomes as predictions');
  const order = predicted.map((_, i) => i).sort((a, b) => predicted[a] - predicted[b]);
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * order.length) / bins);
    const to = Math.floor(((b + 1) * order.length) / bins);
    if (to <= from) continue;
    let p = 0;
    let y = 0;
    for (let k = from; k < to; k++) {
      p += predicted[order[k]];
      if (happened[order[k]]) y++;
    }
    out.push({ decile: b + 1, count: to - from, meanPredicted: p / (to - from), observedRate: y / (to - from) });
  }
  return out;
}

/** OKED division (two digits) to its section letter, for the divisions the synthetic population uses. */
const SECTIONS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['A agriculture', ['01', '02', '03']], ['C manufacturing', ['10', '11', '25']], ['F construction', ['41', '42', '43']],
  ['G trade', ['45', '46', '47']], ['H transport', ['49', '52']], ['I food service', ['55', '56']], ['J information', ['62', '63']],
  ['L real estate', ['68']], ['M professional', ['69', '70', '71']], ['P education', ['85']], ['Q health', ['86']], ['S other services', ['96']],
];

export function okedSection(division: string): string {
  return SECTIONS.find(([, d]) => d.includes(division))?.[0] ?? `division ${division}`;
}
