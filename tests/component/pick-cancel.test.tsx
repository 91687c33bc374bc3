import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { useLab } from '../../src/store/lab-store';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';
import { stubCanvas2d } from '../helpers/canvas-stub';

const bridge = vi.hoisted(() => ({
  findByLabel: vi.fn(async (_label: number, _from: number, _limit: number) => [4242]),
  // as the worker answers: the picked image is the next example (or the epoch's own again)
  selectExample: vi.fn(async (index: number | null) => {
    const { useLab } = await import('../../src/store/lab-store');
    const s = useLab.getState().snapshot!;
    useLab.setState({ snapshot: { ...s, nextExample: { ...s.nextExample, index: index ?? 1 } } });
  }),
}));
vi.mock('../../src/bridge/trainer-bridge', () => ({ trainer: bridge }));
const { CurrentExample } = await import('../../src/views/samples/CurrentExample');

beforeAll(stubCanvas2d);

afterEach(() => useLab.setState({ snapshot: null, picked: null }));

it('"any digit" takes a pick not yet stepped back (it was a disabled option: a pick had to be stepped)', async () => {
  act(() => useLab.setState({ snapshot: syntheticSnapshot(), picked: null }));
  render(<CurrentExample />);
  const select = screen.getByTestId('pick-label') as HTMLSelectElement;
  fireEvent.change(select, { target: { value: '7' } });
  await waitFor(() => expect(bridge.selectExample).toHaveBeenLastCalledWith(4242));
  expect(useLab.getState().picked?.index).toBe(4242);
  const anyDigit = Array.from(select.options).find((o) => o.value === '')!;
  expect(anyDigit.disabled).toBe(false);
  fireEvent.change(select, { target: { value: '' } });
  await waitFor(() => expect(bridge.selectExample).toHaveBeenLastCalledWith(null));
  expect(useLab.getState().picked).toBeNull();
});
