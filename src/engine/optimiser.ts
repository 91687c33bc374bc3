/**
 * Mini-batch SGD with optional momentum, in the form
 *   v <- mu v + g,   theta <- theta - alpha v
 * (g = the batch's mean gradient; with mu = 0 this is plain theta <- theta - alpha g and
 * no velocity is kept). The applied step is -alpha g (the nudge) plus -alpha mu v_old
 * (the momentum term). Velocity is a Float32Array in the params layout: serialisable.
 * Velocity components below 1e-30 in size are set to 0: they would otherwise decay into
 * float32 denormals (mu^n v for rarely lit pixels), which the CPU handles far slower.
 */

/**
 * x, or 0 when |x| < 1e-30 (keeps float32 velocities out of the slow denormal range).
 * Written with Math.abs: one well-predicted test, where `x < 1e-30 && x > -1e-30` branched on
 * the sign of x and made the momentum update about 6x slower.
 */
export function flushTiny(x: number): number {
  return Math.abs(x) < 1e-30 ? 0 : x;
}

/** One update in place; returns the velocity to keep (null when mu = 0). */
export function sgdStep(
  params: Float32Array,
  grad: Float32Array | Float64Array,
  learningRate: number,
  momentum: number,
  velocity: Float32Array | null,
  gradScale = 1,
): Float32Array | null {
  const n = params.length;
  if (momentum === 0) {
    // four per pass: each pass re-checks both arrays, which costs more than the arithmetic
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      params[i] -= learningRate * (grad[i] * gradScale);
      params[i + 1] -= learningRate * (grad[i + 1] * gradScale);
      params[i + 2] -= learningRate * (grad[i + 2] * gradScale);
      params[i + 3] -= learningRate * (grad[i + 3] * gradScale);
    }
    for (; i < n; i++) params[i] -= learningRate * (grad[i] * gradScale);
    return null;
  }
  const v = velocity ?? new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const vi = flushTiny(Math.fround(momentum * v[i] + grad[i] * gradScale));
    v[i] = vi;
    params[i] -= learningRate * vi;
  }
  return v;
}
