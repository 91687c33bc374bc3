/**
 * The cost surface's checkpoint list beside the picture: it says how far training has gone on
 * since the picture (it read "now 46754" over rows ending at 13760, with nothing to say why), and
 * while training plays its "now" row shows the newest cost measured and of which update (it read
 * "-" for as long as training played: each answer came after the next snapshot).
 */
import { render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { CheckpointList } from '../../src/views/surface/SurfaceSide';
import type { LivePoint, Shown } from '../../src/views/surface/use-surface';

const shown = {
  paths: [
    {
      name: 'training',
      label: 'training',
      diverged: false,
      points: [13600, 13680, 13760].map((step) => ({ step, alpha: 0, beta: 0, distance: 0.1, cost: 0.13 })),
    },
  ],
} as unknown as Shown;

const live = (step: number, more: Partial<LivePoint> = {}): LivePoint => ({
  alpha: 0,
  beta: 0,
  distance: 0.372,
  step,
  cost: NaN,
  lastCost: null,
  ofPicture: true,
  ...more,
});

it('says how many updates training has made since the picture, which its path does not hold', () => {
  render(<CheckpointList shown={shown} live={live(46754)} onHover={() => {}} />);
  expect(screen.getByTestId('surface-since').textContent).toMatch(
    /^32,994 updates since this picture: not in its path/,
  );
});

it('says nothing of the kind while the picture is of the update shown', () => {
  render(<CheckpointList shown={shown} live={live(13760, { cost: 0.124 })} onHover={() => {}} />);
  expect(screen.queryByTestId('surface-since')).toBeNull();
});

it('shows the newest cost measured and its update while the current one is not measured yet', () => {
  render(
    <CheckpointList
      shown={shown}
      live={live(46754, { lastCost: { value: 0.1242, step: 46700 } })}
      onHover={() => {}}
    />,
  );
  const now = screen.getByTestId('surface-checkpoints').querySelector('.surface-now')!;
  expect(now.textContent).toBe('now 467540.1242 at 467000.372');
});

it('says the picture is of another network when the weights were replaced since (not "32,994 updates since")', () => {
  render(<CheckpointList shown={shown} live={live(46754, { ofPicture: false })} onHover={() => {}} />);
  expect(screen.getByTestId('surface-since').textContent).toMatch(/^this picture is of a network since replaced/);
});

it('is a named region (Chromium makes the scroller a Tab stop: it was one without a name)', () => {
  render(<CheckpointList shown={shown} live={live(13760, { cost: 0.124 })} onHover={() => {}} />);
  expect(screen.getByRole('region', { name: /^Training path's checkpoints/ })).toBe(
    screen.getByTestId('surface-checkpoints'),
  );
});
