/** Learning-rate schedules per epoch: "start high and lower it each training epoch". */

export type LearningRateSchedule =
  | { kind: 'constant' }
  /** alpha_e = alpha_0 * factor^floor(e / every) */
  | { kind: 'step'; every: number; factor: number }
  /** alpha_e = alpha_0 * decay^e */
  | { kind: 'exponential'; decay: number };

/** The learning rate for epoch `epoch` (0-based: epoch 0 uses `base`). */
export function learningRateAt(base: number, schedule: LearningRateSchedule, epoch: number): number {
  const e = Math.max(0, Math.floor(epoch));
  switch (schedule.kind) {
    case 'constant':
      return base;
    case 'step':
      return base * Math.pow(schedule.factor, Math.floor(e / Math.max(1, Math.floor(schedule.every))));
    case 'exponential':
      return base * Math.pow(schedule.decay, e);
  }
}
