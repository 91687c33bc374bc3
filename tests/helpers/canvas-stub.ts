/**
 * jsdom has no canvas: a do-nothing 2D context on every canvas lets components "draw" (a digit's
 * thumbnail, the draw pad's preview) in component tests.
 */
export function stubCanvas2d(): void {
  const ctx = new Proxy(
    {},
    {
      get: (_t, key) =>
        key === 'createImageData'
          ? () => ({ data: new Uint8ClampedArray(784 * 4) })
          : key === 'getTransform'
            ? () => ({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 })
            : () => undefined,
      set: () => true,
    },
  );
  HTMLCanvasElement.prototype.getContext = (() => ctx) as unknown as HTMLCanvasElement['getContext'];
}
