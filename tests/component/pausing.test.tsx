/**
 * Pause is taken at once, though the worker stops only after the update under way: one update of
 * full-batch GD on a 64-64-64-64 network takes seconds, and the button said "Pause" for 2 s after
 * the click (a stress review).
 */
import { act, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { useLab } from '../../src/store/lab-store';
import { PlayButton } from '../../src/views/controls/PlayButton';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

afterEach(() => useLab.setState({ snapshot: null, pausing: false }));

it('says "Pausing…" from the click until the worker has paused', () => {
  useLab.setState({ snapshot: { ...syntheticSnapshot(), playing: true }, pausing: false });
  render(<PlayButton testId="play" />);
  const button = screen.getByTestId('play');
  expect(button.textContent).toBe('❚❚ Pause');
  act(() => useLab.setState({ pausing: true }));
  expect(button.textContent).toBe('❚❚ Pausing…');
  expect(button.getAttribute('aria-label')).toBe('Pausing after this update');
  // paused: the flag may still be up for a moment, the button says Play
  act(() => useLab.setState({ snapshot: { ...syntheticSnapshot(), playing: false } }));
  expect(button.textContent).toBe('▶ Play');
});
