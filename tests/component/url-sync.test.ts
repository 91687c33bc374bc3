/**
 * An address the student edits opens the step it names, even when the app rewrites the
 * address before the browser reports the edit (CI: the test that walks all 15 steps by
 * address waited 30 s for step 3, its hash overwritten by a settings change of step 2).
 */
import { afterEach, expect, it } from 'vitest';
import { startUrlSync } from '../../src/bridge/url-sync';
import { useLab } from '../../src/store/lab-store';
import type { TrainerBridge } from '../../src/bridge/trainer-bridge';

let linked: unknown = null;
const trainer = {
  setLinkSettings: (settings: unknown) => (linked = settings),
  whenStarted: async () => {},
  noteLinkAsked: () => {},
  setSettingsWithUndo: async () => {},
  markChanged: () => {},
} as unknown as TrainerBridge;

let stop = () => {};
afterEach(() => {
  stop();
  history.replaceState(null, '', location.pathname);
});

function nextHashChange(): Promise<void> {
  return new Promise((resolve) => window.addEventListener('hashchange', () => resolve(), { once: true }));
}

it('opens the step of an edited address that the app rewrote before the hashchange arrived', async () => {
  history.replaceState(null, '', '#lesson=2');
  const opened: number[] = [];
  stop = startUrlSync(trainer, 15, (step) => {
    opened.push(step);
    useLab.setState({ lesson: step });
  });
  expect(useLab.getState().lesson).toBe(1); // 0-based
  const arrived = nextHashChange();
  location.hash = '#lesson=3';
  // step 2's settings land first: the app writes its own address over the edit
  useLab.setState({ settings: { ...useLab.getState().settings, learningRate: 1.5 } });
  expect(location.hash).not.toContain('lesson=3');
  await arrived;
  await new Promise((r) => setTimeout(r, 0));
  expect(opened).toEqual([2]);
  expect(useLab.getState().lesson).toBe(2);
});

it('opens the step of an edited address', async () => {
  history.replaceState(null, '', '#lesson=4');
  const opened: number[] = [];
  stop = startUrlSync(trainer, 15, (step) => {
    opened.push(step);
    useLab.setState({ lesson: step });
  });
  const arrived = nextHashChange();
  location.hash = '#lesson=7';
  await arrived;
  await new Promise((r) => setTimeout(r, 0));
  expect(opened).toEqual([6]);
});

it('takes away the notice about a bad address once the address is edited (it stayed, and the next stacked under it)', async () => {
  useLab.setState({ notices: [] });
  history.replaceState(null, '', '#lr=abc&batch=-5');
  stop = startUrlSync(trainer, 15);
  const texts = () => useLab.getState().notices.map((n) => n.text);
  await new Promise((r) => setTimeout(r, 0));
  expect(texts()).toEqual([expect.stringMatching(/learning rate "abc" is not valid.*batch size "-5"/)]);
  let arrived = nextHashChange();
  location.hash = '#momentum=7';
  await arrived;
  // the new address's own problem, alone
  expect(texts()).toEqual([expect.stringMatching(/^The link's momentum "7" is not valid/)]);
  arrived = nextHashChange();
  location.hash = '#hidden=32-16&lr=0.05';
  await arrived;
  expect(texts()).toEqual([]);
});

it('leaves a bad value of the opening link out, and names the value in use once the network is up', async () => {
  useLab.setState({ notices: [] });
  history.replaceState(null, '', '#hidden=128-128&lr=0.05');
  let up = () => {};
  const started = new Promise<void>((resolve) => (up = resolve));
  stop = startUrlSync({ ...trainer, whenStarted: () => started } as unknown as TrainerBridge, 15);
  // a resumed session's 64-64-64-64 is not asked to become the defaults' 16-16 (that rebuilt it)
  expect(linked).toEqual({ learningRate: 0.05 });
  useLab.setState({ settings: { ...useLab.getState().settings, hiddenLayers: [64, 64, 64, 64] } });
  expect(useLab.getState().notices).toEqual([]);
  up();
  await started;
  await new Promise((r) => setTimeout(r, 0));
  expect(useLab.getState().notices.map((n) => n.text)).toEqual([
    expect.stringMatching(/hidden layers "128-128" is not valid .*; using 64-64-64-64\./),
  ]);
});
