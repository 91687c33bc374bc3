/**
 * A page translator (Chrome's and Edge's built-in ones, which many students use on an English
 * page) replaces each text node it translates with <font> elements of its own. React still holds
 * the old text nodes: when it later removes one, or inserts beside one, the DOM throws "The node
 * to be removed is not a child of this node", and the panel's error boundary took the controls and
 * the network view away within seconds of pressing Play (facebook/react#11538). Here those two
 * calls tolerate a node the translator has moved: a removal of a node that is no longer there does
 * nothing, an insertion before one appends instead. Elsewhere they behave exactly as before.
 *
 * The numbers that change while training are marked translate="no" where they are shown, so a
 * translator leaves them to React and they stay live (a translated copy would stand still).
 */
export function guardAgainstTranslators(): void {
  const proto = Node.prototype as Node & { __translatorGuard?: true };
  if (proto.__translatorGuard) return;
  proto.__translatorGuard = true;
  let warned = false;
  const moved = (): void => {
    if (warned) return;
    warned = true;
    console.warn('Backprop Lab: a node the page changed (a page translator?) was not where it was left; carried on.');
  };
  const removeChild = proto.removeChild;
  proto.removeChild = function <T extends Node>(this: Node, child: T): T {
    if (child.parentNode !== this) {
      moved();
      return child;
    }
    return removeChild.call(this, child) as T;
  };
  const insertBefore = proto.insertBefore;
  proto.insertBefore = function <T extends Node>(this: Node, node: T, before: Node | null): T {
    if (before && before.parentNode !== this) {
      moved();
      return insertBefore.call(this, node, null) as T;
    }
    return insertBefore.call(this, node, before) as T;
  };
}
