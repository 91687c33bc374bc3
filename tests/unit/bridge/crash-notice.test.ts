import { describe, expect, it } from 'vitest';
import { crashNotice, type CrashAccount } from '../../../src/bridge/crash-notice';

const base: CrashAccount = {
  reason: 'out of memory',
  saved: 1200,
  lost: 0,
  stepped: 0,
  undone: false,
  undoLost: false,
  savedEverySeconds: 3,
};

describe('crashNotice (what came back after the engine stopped, and what was lost)', () => {
  it('names the auto-save it went back to, and that nothing was lost', () => {
    expect(crashNotice(base)).toBe(
      'The training engine stopped (out of memory) and was restarted from the last auto-save, update 1,200 (saved every 3 s): nothing was lost. Training is paused: press Play to go on.',
    );
  });

  it('counts the updates lost after the save, one or many', () => {
    expect(crashNotice({ ...base, lost: 1 })).toContain(': the 1 update after it was lost.');
    expect(crashNotice({ ...base, lost: 1500 })).toContain(': the 1,500 updates after it were lost.');
  });

  it('with nothing saved since the network was built, rebuilds it and counts what it had trained', () => {
    const said = crashNotice({ ...base, saved: null, lost: 40 });
    expect(said).toContain('was restarted with a fresh network of the same settings');
    expect(said).toContain(': the 40 updates it had trained were lost.');
  });

  it('says a half-stepped batch starts again, and a change since the save was undone', () => {
    expect(crashNotice({ ...base, stepped: 5 })).toContain(
      ': no update was lost, but the batch under way starts again from its first example (5 had been stepped).',
    );
    // (the change is what the restart undid, whatever the counts)
    expect(crashNotice({ ...base, undone: true, lost: 3 })).toContain(
      ': changes made since then (a reset, new settings or an import) were undone.',
    );
  });

  it('says an Undo on offer went with the worker', () => {
    expect(crashNotice({ ...base, undoLost: true })).toContain(
      ': nothing was lost. The network its Undo would have brought back is lost with it. Training is paused',
    );
  });
});
