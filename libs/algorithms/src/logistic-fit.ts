/**
 * L2-regularised logistic regression by Newton's method (IRLS). Small and exact for the few dozen
 * features an index has; the intercept is not penalised. Pure: same rows, same weights.
 */
export interface LogisticFit { intercept: number; weights: number[]; iterations: number; converged: boolean }

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Solves A·x = b for a symmetric positive-definite A (Cholesky); A is k×k, row-major. */
export function solveSpd(a: number[][], b: number[]): number[] {
  const k = b.length;
  const l = a.map(() => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let m = 0; m < j; m++) sum -= l[i][m] * l[j][m];
      if (i === j) {
        if (sum <= 0) throw new Error('matrix is not positive definite (a feature is constant or duplicated; raise l2)');
        l[i][i] = Math.sqrt(sum);
      } else {
        l[i][j] = sum / l[j][j];
      }
    }
  }
  const y = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    let sum = b[i];
    for (let m = 0; m < i; m++) sum -= l[i][m] * y[m];
    y[i] = sum / l[i][i];
  }
  const x = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let sum = y[i];
    for (let m = i + 1; m < k; m++) sum -= l[m][i] * x[m];
    x[i] = sum / l[i][i];
  }
  return x;
}

export function fitLogistic(x: readonly (readonly number[])[], y: readonly boolean[], options: { l2?: number; maxIterations?: number; tolerance?: number; offset?: readonly number[] } = {}): LogisticFit {
  if (x.length !== y.length || x.length === 0) throw new Error('need as many labels as rows, and at least one row');
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  const k = x[0].length + 1; // column 0 is the intercept
  let beta = new Array<number>(k).fill(0);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradient = new Array<number>(k).fill(0);
    const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (let r = 0; r < x.length; r++) {
      const row = x[r];
      // A fixed part of the linear predictor (a weight held constant), not fitted.
      let eta = beta[0] + (options.offset?.[r] ?? 0);
      for (let j = 1; j < k; j++) eta += beta[j] * row[j - 1];
      const p = sigmoid(eta);
      const w = Math.max(p * (1 - p), 1e-12);
      const residual = (y[r] ? 1 : 0) - p;
      for (let i = 0; i < k; i++) {
        const xi = i === 0 ? 1 : row[i - 1];
        if (xi === 0) continue;
        gradient[i] += residual * xi;
        for (let j = 0; j <= i; j++) {
          const xj = j === 0 ? 1 : row[j - 1];
          if (xj !== 0) hessian[i][j] += w * xi * xj;
        }
      }
    }
    for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) hessian[j][i] = hessian[i][j];
    for (let j = 1; j < k; j++) { gradient[j] -= l2 * beta[j]; hessian[j][j] += l2; }
    const step = solveSpd(hessian, gradient);
    beta = beta.map((b, i) => b + step[i]);
    if (Math.max(...step.map(Math.abs)) < tolerance) return { intercept: beta[0], weights: beta.slice(1), iterations: iteration, converged: true };
  }
  return { intercept: beta[0], weights: beta.slice(1), iterations: maxIterations, converged: false };
}
