/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative (ties count half). Rank-based, O(n log n).
 */
export function auc(scores: readonly number[], labels: readonly boolean[]): number {
  if (scores.length !== labels.length) throw new Error('scores and labels differ in length');
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumPositives = 0;
  let positives = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[idx[k]]) { rankSumPositives += averageRank; positives++; }
    i = j + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) throw new Error('AUC needs both positive and negative labels');
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}
