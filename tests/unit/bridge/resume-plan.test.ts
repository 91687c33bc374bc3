import { describe, expect, it } from 'vitest';
import { planResume, type ResumeInput } from '../../../src/bridge/resume-plan';
import { DEFAULT_SETTINGS } from '../../../src/protocol/settings';

/** A session saved at update 1,200 on the defaults, on lesson step 4, opened by a plain address. */
const saved: ResumeInput = {
  linkSettings: {},
  linkLesson: null,
  savedLesson: 4,
  resumed: { step: 1200, settings: DEFAULT_SETTINGS },
};

describe('planResume (a saved session opened by a link)', () => {
  it('a plain address: the saved step reopens, nothing is applied, and the student is welcomed back', () => {
    expect(planResume(saved)).toEqual({
      lesson: 4,
      asked: {},
      patch: {},
      replaced: null,
      welcome: 'Welcome back: resumed your session at update 1,200 (its last auto-save).',
    });
  });

  it('an untrained network resumed is not welcomed back', () => {
    const plan = planResume({ ...saved, resumed: { step: 0, settings: DEFAULT_SETTINGS } });
    expect(plan.welcome).toBeNull();
    expect(plan.replaced).toBeNull();
  });

  it('the address the app wrote for the session asks for nothing beyond it', () => {
    const plan = planResume({ ...saved, linkSettings: { learningRate: DEFAULT_SETTINGS.learningRate } });
    expect(plan.asked).toEqual({});
    expect(plan.patch).toEqual({});
    expect(plan.welcome).not.toBeNull();
  });

  it('a free-play link opens free play over a session saved in the lesson, and applies what it asks', () => {
    const plan = planResume({ ...saved, linkSettings: { learningRate: 0.5 } });
    expect(plan.lesson).toBeNull();
    expect(plan.asked).toEqual({ learningRate: 0.5 });
    expect(plan.patch).toEqual({ learningRate: 0.5 });
    // a learning rate keeps the network: welcomed back, not replaced
    expect(plan.replaced).toBeNull();
    expect(plan.welcome).not.toBeNull();
  });

  it('a free-play link that rebuilds a trained network says so, with the Undo, instead of the welcome', () => {
    const plan = planResume({ ...saved, linkSettings: { activation: 'tanh' } });
    expect(plan.patch).toEqual({ activation: 'tanh' });
    expect(plan.welcome).toBeNull();
    expect(plan.replaced).toBe(
      'Welcome back. The link asked for activation to tanh: a new network replaced your saved one (update 1,200), ' +
        'which stays saved until you train or change this one: Undo brings it back.',
    );
  });

  it('a lesson link opens its step and leaves the rebuild to the lesson, which asks first', () => {
    const plan = planResume({ ...saved, linkLesson: 9, linkSettings: { activation: 'sigmoid', learningRate: 20 } });
    expect(plan.lesson).toBe(9);
    expect(plan.asked).toEqual({ activation: 'sigmoid', learningRate: 20 });
    expect(plan.patch).toEqual({ learningRate: 20 });
    expect(plan.replaced).toBeNull();
  });
});
