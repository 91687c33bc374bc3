import type { RefObject } from 'react';
import { elementToPng } from '../../render/export-png';
import { notify } from '../../store/lab-store';
import { download } from './download';

/** A small button that saves the panel in `target` as a PNG. */
export function SavePng({ target, name }: { target: RefObject<HTMLElement | null>; name: string }) {
  const save = async () => {
    if (!target.current) return;
    try {
      download(await elementToPng(target.current), `backprop-lab-${name}.png`);
    } catch (e) {
      notify('error', `Could not save the picture: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <button
      type="button"
      className="save-png"
      data-testid={`save-png-${name}`}
      aria-label={`Save the ${name} view as a PNG picture`}
      title="Save as PNG"
      onClick={() => void save()}
    >
      ⤓
    </button>
  );
}
