/**
 * The DOM calls React makes, after a page translator has moved its nodes (jsdom): they carry on
 * instead of throwing, and behave as before where nothing was moved.
 */
import { describe, expect, it } from 'vitest';
import { guardAgainstTranslators, translatorMoves } from '../../src/views/shell/translator-guard';

guardAgainstTranslators();

/** A translator's way with a text node: replaced by <font><font>its words</font></font>. */
function translate(text: Text): HTMLElement {
  const outer = document.createElement('font');
  const inner = document.createElement('font');
  inner.textContent = text.data;
  outer.append(inner);
  text.replaceWith(outer);
  return outer;
}

describe('after a page translator moved the nodes React holds', () => {
  it('removing a text node it replaced does nothing, and does not throw (it threw NotFoundError)', () => {
    const p = document.createElement('p');
    const old = document.createTextNode('epoch 3');
    p.append(old);
    translate(old);
    const before = translatorMoves();
    expect(() => p.removeChild(old)).not.toThrow();
    expect(p.textContent).toBe('epoch 3');
    expect(translatorMoves()).toBe(before + 1);
  });

  it('an element it moved into its <font> is removed from where it now is', () => {
    const p = document.createElement('p');
    const value = document.createElement('span');
    value.textContent = '0.25';
    p.append('cost ', value);
    const font = document.createElement('font');
    p.append(font);
    font.append(value);
    p.removeChild(value);
    expect(value.parentNode).toBe(null);
    expect(p.textContent).toBe('cost ');
  });

  it('inserting before a node it replaced appends; before one it moved inserts there', () => {
    const p = document.createElement('p');
    const old = document.createTextNode('words');
    p.append(old);
    translate(old);
    const added = document.createElement('b');
    expect(() => p.insertBefore(added, old)).not.toThrow();
    expect(p.lastChild).toBe(added);
    const moved = document.createElement('i');
    const font = document.createElement('font');
    p.append(font);
    font.append(moved);
    const second = document.createElement('u');
    p.insertBefore(second, moved);
    expect(second.nextSibling).toBe(moved);
  });

  it('where nothing was moved, the calls behave as before and count nothing', () => {
    const p = document.createElement('p');
    const a = document.createTextNode('a');
    const b = document.createElement('b');
    p.append(a);
    const before = translatorMoves();
    p.insertBefore(b, a);
    expect(p.firstChild).toBe(b);
    p.removeChild(a);
    expect(p.childNodes.length).toBe(1);
    p.insertBefore(a, null);
    expect(p.lastChild).toBe(a);
    expect(translatorMoves()).toBe(before);
    // a node that was never inside still throws nothing new: it is simply not there
    const stranger = document.createElement('span');
    expect(() => p.removeChild(stranger)).not.toThrow();
  });
});
