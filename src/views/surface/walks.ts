/** How each walk on the cost surface is drawn and named (the map, the 3D view, the race's cards). */

/** Path colours over the cost colours (each drawn with a dark outline). */
export const PATH_COLOURS: Record<string, string> = {
  training: '#ff5fa2',
  gd: '#ffffff',
  minibatch: '#ff5fa2',
  sgd: '#35d0ff',
};

/**
 * One-example SGD's walk dashed (over its dark casing), the others solid: with the end notes'
 * names, the walks then differ by more than hue (to a tritan reader its cyan was the map's teal).
 */
export const PATH_DASHES: Record<string, readonly number[]> = { sgd: [5, 3] };

/** The walkers' names at the ends of their walks on the map. */
export const SHORT_NAMES: Record<string, string> = { gd: 'GD', minibatch: 'mini-batch', sgd: 'one-example' };
