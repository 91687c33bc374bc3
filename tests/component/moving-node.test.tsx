/**
 * The draw pad's node (useMovingNode): it moves between the controls' foot and a panel of its own
 * without its content being made again, and comes back into the page after the controls panel's
 * "Try again" (an effect run only when the layout changed left it out: the pad was gone).
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { expect, it, vi } from 'vitest';
import { useMovingNode } from '../../src/views/shell/moving-node';
import { PanelBoundary } from '../../src/views/shell/PanelBoundary';

const fail = { now: false };
function Fragile() {
  if (fail.now) throw new Error('the controls broke');
  return null;
}

/** A drawing of its own (state), so that making it again would show. */
function Pad() {
  const [strokes, setStrokes] = useState(0);
  return (
    <button type="button" data-testid="pad" onClick={() => setStrokes((n) => n + 1)}>
      strokes {strokes}
    </button>
  );
}

function Page({ stacked }: { stacked: boolean }) {
  const draw = useMovingNode('draw-holder');
  return (
    <main>
      <aside data-testid="controls">
        <PanelBoundary name="controls">
          <Fragile />
          {createPortal(<Pad />, draw.node)}
          {!stacked && <div ref={draw.place} />}
        </PanelBoundary>
      </aside>
      {stacked && <div data-testid="draw-panel" ref={draw.place} />}
    </main>
  );
}

it('moves its node between the two places, its content kept', () => {
  const { rerender } = render(<Page stacked={false} />);
  fireEvent.click(screen.getByTestId('pad'));
  const pad = screen.getByTestId('pad');
  expect(screen.getByTestId('controls').contains(pad)).toBe(true);
  rerender(<Page stacked />);
  expect(screen.getByTestId('draw-panel').contains(screen.getByTestId('pad'))).toBe(true);
  expect(screen.getByTestId('pad')).toBe(pad);
  expect(pad.textContent).toBe('strokes 1');
  rerender(<Page stacked={false} />);
  expect(screen.getByTestId('controls').contains(pad)).toBe(true);
});

it('is back in the page after the panel around its place fails and tries again', () => {
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const { rerender } = render(<Page stacked={false} />);
    fail.now = true;
    rerender(<Page stacked={false} />);
    expect(screen.queryByTestId('pad')).toBeNull();
    fail.now = false;
    fireEvent.click(screen.getByText('Try again'));
    expect(screen.getByTestId('controls').contains(screen.getByTestId('pad'))).toBe(true);
  } finally {
    fail.now = false;
    quiet.mockRestore();
  }
});
