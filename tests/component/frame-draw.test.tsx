/**
 * The charts take turns for animation frames (useFrameDraw): while training played at full speed
 * every chart had something new several times a second, and drawn in one frame with the network
 * view's drawing and the layout they dirtied, the frame's task ran 40-70 ms (the budget is 50).
 */
import { render, waitFor } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import { useFrameDraw } from '../../src/views/charts/use-chart';

/** A drawing that takes `ms` of the thread, as a chart's does. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

function Chart({ name, drawn, value }: { name: string; drawn: string[]; value: number }) {
  useFrameDraw(() => {
    busy(6);
    drawn.push(`${name}${value}`);
  }, [value]);
  return null;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

it('draws one slow chart per frame, each in turn, each once with its latest data', async () => {
  const drawn: string[] = [];
  const charts = (value: number) => (
    <>
      <Chart name="cost" drawn={drawn} value={value} />
      <Chart name="accuracy" drawn={drawn} value={value} />
      <Chart name="rate" drawn={drawn} value={value} />
    </>
  );
  const { rerender } = render(charts(1));
  // new data before any has drawn: each still draws once, with the newest
  rerender(charts(2));
  await nextFrame();
  expect(drawn).toEqual(['cost2']);
  await nextFrame();
  expect(drawn).toEqual(['cost2', 'accuracy2']);
  await waitFor(() => expect(drawn).toEqual(['cost2', 'accuracy2', 'rate2']));
  // nothing new: nothing drawn again
  await nextFrame();
  await nextFrame();
  expect(drawn).toHaveLength(3);
});

it('draws quick charts together in one frame', async () => {
  const drawn: string[] = [];
  function Quick({ name }: { name: string }) {
    useFrameDraw(() => drawn.push(name), []);
    return null;
  }
  // the clock held still: quick is quick however loaded the machine (a pause of the process between
  // two draws would otherwise spend the frame's share)
  const clock = vi.spyOn(performance, 'now').mockReturnValue(1000);
  try {
    render(
      <>
        <Quick name="a" />
        <Quick name="b" />
        <Quick name="c" />
      </>,
    );
    await nextFrame();
    expect(drawn).toEqual(['a', 'b', 'c']);
  } finally {
    clock.mockRestore();
  }
});

it('forgets a chart taken away before its turn', async () => {
  const drawn: string[] = [];
  const { rerender } = render(
    <>
      <Chart name="cost" drawn={drawn} value={1} />
      <Chart name="gone" drawn={drawn} value={1} />
    </>,
  );
  rerender(<Chart name="cost" drawn={drawn} value={1} />);
  await nextFrame();
  await nextFrame();
  await nextFrame();
  expect(drawn).toEqual(['cost1']);
});
