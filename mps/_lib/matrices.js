'use strict';
// Matrix helpers shared by the matrix-multiply generators.

const { uniformFloat32 } = require('./datasets');

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

module.exports = { randomMatrix, multiplyFloat32 };
