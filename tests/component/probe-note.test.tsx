import { render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../../src/engine';
import { useLab } from '../../src/store/lab-store';
import { ProbeNote } from '../../src/views/inspector/ProbeNote';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

afterEach(() => useLab.setState({ probe: null, snapshot: null }));

function drawn(pretrained: boolean) {
  useLab.setState({
    snapshot: syntheticSnapshot(),
    probe: {
      input: new Float32Array(784),
      spec: DEFAULT_SPEC,
      params: new Float32Array(13002),
      label: 'your drawing',
      pretrained,
    },
  });
}

it('with a drawing read by the pretrained network, says the inspector’s numbers are the trained network’s', () => {
  drawn(true);
  const { rerender } = render(<ProbeNote />);
  const note = () => screen.getByTestId('probe-note').textContent;
  expect(note()).toMatch(/^The network view shows your drawing, read by the pretrained network\./);
  expect(note()).toMatch(/explains the training example below, on the network you are training: its weights/);
  // read by the network being trained: one network, nothing to tell apart
  drawn(false);
  rerender(<ProbeNote />);
  expect(note()).toMatch(/^The network view shows your drawing\./);
  expect(note()).toMatch(/explains the training example below\.$/);
  expect(note()).not.toMatch(/pretrained/);
});

it('says nothing while there is no network (the digits loading or failed): the view shows none', () => {
  drawn(true);
  useLab.setState({ snapshot: null });
  render(<ProbeNote />);
  // it said "The network view shows your drawing" beside "The network is drawn here once the digits have loaded"
  expect(screen.queryByTestId('probe-note')).toBeNull();
});
