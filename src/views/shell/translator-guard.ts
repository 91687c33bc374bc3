/**
 * A page translator (Chrome's and Edge's built-in ones, which many students use on an English
 * page) replaces each text node it translates with <font> elements of its own, and may move inline
 * elements into them. React still holds the old nodes: when it later removes one, or inserts before
 * one, the DOM threw ("The node to be removed is not a child of this node", or insertBefore's own
 * message), and the panel's error boundary took the controls and the network view away within
 * seconds of pressing Play (facebook/react#11538). Here those two calls tolerate a moved node:
 *  - a node still inside the parent, one level down or more (moved into a <font>), is removed from
 *    where it now is, or inserted before where it now is;
 *  - a node gone from the parent altogether (a text node replaced by its translation) is left
 *    alone when removed (its translated copy stays on screen), and an insertion before it appends.
 * React's issue suggests skipping such an insertion; appending keeps the new node on the page.
 * When the page holds the nodes where React left them (no translator), nothing changes. Each such
 * case is counted (`translatorMoves`): the e2e tests without a translator expect none.
 *
 * The words that change while training are kept out of a translator's hands where they are shown
 * (translate="no"; views/live.tsx), so they stay live.
 */
const GUARDED = Symbol.for('backprop-lab.translator-guard');

let moves = 0;

/** How many times a removal or insertion met a node that was not where React left it. */
export function translatorMoves(): number {
  return moves;
}

export function guardAgainstTranslators(): void {
  const proto = Node.prototype as Node & { [GUARDED]?: true };
  if (proto[GUARDED]) return;
  Object.defineProperty(proto, GUARDED, { value: true });
  const moved = (): void => {
    if (moves++ === 0)
      console.warn('Backprop Lab: a node was not where the app left it (a page translator?); carried on.');
  };
  const removeChild = proto.removeChild;
  proto.removeChild = function <T extends Node>(this: Node, child: T): T {
    if (child.parentNode === this) return removeChild.call(this, child) as T;
    moved();
    if (child.parentNode && this.contains(child)) return removeChild.call(child.parentNode, child) as T;
    return child;
  };
  const insertBefore = proto.insertBefore;
  proto.insertBefore = function <T extends Node>(this: Node, node: T, before: Node | null): T {
    if (!before || before.parentNode === this) return insertBefore.call(this, node, before) as T;
    moved();
    if (before.parentNode && this.contains(before)) return insertBefore.call(before.parentNode, node, before) as T;
    return insertBefore.call(this, node, null) as T;
  };
}
