'use strict';
// Matrix helpers shared by the matrix-multiply generators.

const { formatRounded, rawMatrix, uniformFloat32 } = require('./datasets');

/** A rows x cols row-major Float32Array of values uniform in [low, high] with `decimals` places. */
function randomMatrix(random, rows, cols, low, high, decimals) {
  const m = new Float32Array(rows * cols);
  for (let i = 0; i < m.length; i++) m[i] = uniformFloat32(random, low, high, decimals);
  return m;
}

/**
 * C = A * B (A m x k, B k x n, row-major) in float32 arithmetic, each dot product summed in
 * order of k as the simple kernel does: the value a float GPU program gets, up to the rounding
 * of fused multiply-adds (a few units in the last place per term).
 */
function multiplyFloat32(A, B, m, k, n) {
  const C = new Float32Array(m * n);
  const column = new Float32Array(k);
  for (let col = 0; col < n; col++) {
    for (let i = 0; i < k; i++) column[i] = B[i * n + col];
    for (let row = 0; row < m; row++) {
      let sum = 0;
      const base = row * k;
      for (let i = 0; i < k; i++) sum = Math.fround(sum + Math.fround(A[base + i] * column[i]));
      C[row * n + col] = sum;
    }
  }
  return C;
}

/**
 * The datasets of a matrix-multiply lab (basic and tiled share the task, and differ only in the
 * shapes they test): A (m x k) and B (k x n) in input0/input1, C = A B in output.
 */
function matrixMultiplyDatasets(shapes) {
  return shapes.map(([m, k, n]) => ({
    name: `${m} x ${k} times ${k} x ${n}`,
    files: { 'input0.raw': { matrix: [m, k] }, 'input1.raw': { matrix: [k, n] }, 'output.raw': { matrix: [m, n] } },
    build(random) {
      // One decimal in [-1, 1]: every product has two decimals, so the exact result is a two-decimal
      // number and the float32 one is within about 1e-3 of it for these sizes (|C| stays under ~40).
      const A = randomMatrix(random, m, k, -1, 1, 1);
      const B = randomMatrix(random, k, n, -1, 1, 1);
      const C = multiplyFloat32(A, B, m, k, n);
      // Written rounded to 3 decimals: off by at most 5e-4, far inside the 0.2 tolerance.
      return {
        'input0.raw': rawMatrix(m, k, A),
        'input1.raw': rawMatrix(k, n, B),
        'output.raw': rawMatrix(m, n, C, formatRounded(3)),
      };
    },
  }));
}

module.exports = { randomMatrix, multiplyFloat32, matrixMultiplyDatasets };
