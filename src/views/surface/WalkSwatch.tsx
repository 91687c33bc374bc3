import { PATH_COLOURS, PATH_DASHES } from './walks';
import { WALK_CASING } from '../../render/walk-line';

/**
 * A piece of a walk's line as the map draws it: its colour, dashed or solid, over a dark casing;
 * `solid` for the 3D view, whose lines are never dashed.
 */
export function WalkSwatch({ name, solid = false }: { name: string; solid?: boolean }) {
  return (
    <svg className="swatch" width="18" height="8" viewBox="0 0 18 8" aria-hidden="true">
      <line x1="1" x2="17" y1="4" y2="4" stroke={WALK_CASING} strokeWidth="4" />
      <line
        x1="1"
        x2="17"
        y1="4"
        y2="4"
        stroke={PATH_COLOURS[name] ?? '#fff'}
        strokeWidth="2"
        strokeDasharray={solid ? undefined : PATH_DASHES[name]?.join(' ')}
      />
    </svg>
  );
}
