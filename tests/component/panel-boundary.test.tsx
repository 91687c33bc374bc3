import { fireEvent, render, screen } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import { PanelBoundary } from '../../src/views/shell/PanelBoundary';

it('keeps a panel’s drawing error to that panel, says it, and tries again (a throw blanked the page)', () => {
  let fail = true;
  function Fragile() {
    if (fail) throw new Error('layer 3 is not in 1..2');
    return <p>drawn</p>;
  }
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    render(
      <>
        <PanelBoundary name="inspector">
          <Fragile />
        </PanelBoundary>
        <p>the notices and their Undo</p>
      </>,
    );
    expect(screen.getByTestId('panel-error').textContent).toMatch(
      /^The inspector could not be drawn \(layer 3 is not in 1\.\.2\)\./,
    );
    expect(screen.getByText('the notices and their Undo')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('Try again'));
    expect(screen.getByText('drawn')).toBeTruthy();
    expect(screen.queryByTestId('panel-error')).toBeNull();
  } finally {
    quiet.mockRestore();
  }
});
