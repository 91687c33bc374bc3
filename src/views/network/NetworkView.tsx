import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { InspectorBelow } from './InspectorBelow';
import { LOAD_FAILED_WHERE } from '../shell/data-progress';
import { goDraw } from '../draw-pad/reveal';
import { computeLayout, edgeAt, neuronAt, type NetworkLayout } from '../../render/network-layout';
import { createEdgeRenderer, edgeModeFrom } from '../../render/edge-renderer';
import type { EdgeRenderer } from '../../render/network-edges';
import { EdgeRasterBridge } from '../../bridge/edge-raster-bridge';
import { drawNetworkStatic, drawNeurons, neuronsLeft, type NodeView } from '../../render/network-nodes';
import { fitCanvas } from '../../render/digit';
import { watchDevicePixelRatio } from '../use-media';
import {
  chooseTab,
  hoverNeuron,
  selectNeuron,
  selectWeight,
  useLab,
  type NeuronRef,
  type WeightRef,
} from '../../store/lab-store';
import { displayed, probeDrawn } from './displayed';
import { brightest, outputsAreProbabilities } from '../outputs';
import { describeNeuron, moveNeuron } from './keyboard';
import { edgeTip, neuronTip, tipSizer, weightedInput } from './neuron-tip';

/**
 * What the empty diagram says before the first network is built: the area was blank for the
 * seconds the digits take to load, the first thing a student saw.
 */
function NetworkWaiting() {
  const waiting = useLab((s) => s.snapshot === null);
  const failed = useLab((s) => s.data.kind === 'error');
  if (!waiting) return null;
  // no sizes named: a saved session resumed may have others than the settings show while loading
  return (
    <p className="network-waiting" data-testid="network-waiting">
      {failed ? (
        `No network yet: it could not be built (${LOAD_FAILED_WHERE}).`
      ) : (
        <>
          The network is drawn here once the digits have loaded and it is built.
          {/* a minute on a slow line: the draw pad's network, trained earlier, is there already */}
          <span className="network-waiting-meanwhile">
            Meanwhile,{' '}
            <button type="button" className="link" data-testid="waiting-go-draw" onClick={goDraw}>
              draw a digit
            </button>{' '}
            for a network trained earlier to read.
          </span>
        </>
      )}
    </p>
  );
}

/** How far (CSS px) from an edge a tap still picks it; a mouse click needs 4. */
const TOUCH_EDGE_TOLERANCE = 12;

/** Cheap identity of the input image (the forward trace is recomputed, so arrays are new each snapshot). */
function checksum(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * ((i % 13) + 1);
  return s;
}

/** Slow motion: the forward pass lights the layers left to right, then the nudges flow back, each over this long (ms). */
const PASS_MS = 600;
/** The same while playing at 1 update/s: both passes in 0.7 s, so the whole picture rests before the next. */
const PLAYING_PASS_MS = 350;

/**
 * Edge redraws per second while training plays (the weights move a little per snapshot; each
 * redraw is ~13k quads in WebGL, or ~50 ms of the edge worker's painting and a canvas upload).
 */
const EDGE_REDRAWS_PER_S = 4;

/**
 * The network, every neuron and edge. Drawing happens outside React: the component
 * subscribes to the store and redraws once per animation frame with the latest data.
 */
export function NetworkView() {
  const box = useRef<HTMLDivElement>(null);
  const edgeCanvas = useRef<HTMLCanvasElement>(null);
  const nodeCanvas = useRef<HTMLCanvasElement>(null);
  const neuronCanvas = useRef<HTMLCanvasElement>(null);
  const tip = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = box.current!;
    const rasterBridge = new EdgeRasterBridge();
    // a WebGL context the browser takes away and gives back starts empty, and an edge worker that
    // failed for good leaves canvas 2D to draw them: draw the edges again
    const edges: EdgeRenderer = createEdgeRenderer(
      edgeCanvas.current!,
      () => {
        // the edge worker is no longer asked (failed for good): let it go
        if (edges.kind !== 'cpu') rasterBridge.stop();
        container.dataset.edges = edges.kind;
        lastEdgeKey = [];
        schedule();
      },
      (request) => rasterBridge.raster(request),
      edgeModeFrom(window.location.search),
    );
    container.dataset.edges = edges.kind;
    let layout: NetworkLayout | null = null;
    /** The edge under the mouse (no neuron there), and where the pointer is: its tip goes beside it. */
    let hoveredEdge: { edge: WeightRef; x: number; y: number } | null = null;
    let frame = 0;
    let lastEdgeKey: unknown[] = [];
    let lastEdgeAt = 0;
    let lastStaticKey: unknown[] = [];
    let catchUp: ReturnType<typeof setTimeout> | 0 = 0;
    let size = { width: 0, height: 0 };
    /** When the last slow-motion step began (a stepped example, or an update at 1 a second), 0 = none. */
    let passStart = 0;
    const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)');

    const draw = () => {
      frame = 0;
      const state = useLab.getState();
      const shown = displayed(state);
      if (!shown || size.width === 0) {
        // nothing drawn (no network yet): no tip left with old numbers
        tip.current!.hidden = true;
        return;
      }
      const sizes = shown.net.spec.sizes;
      if (
        !layout ||
        layout.width !== size.width ||
        layout.height !== size.height ||
        layout.sizes.join() !== sizes.join()
      ) {
        layout = computeLayout(sizes, size.width, size.height);
        // an edge hovered in the old geometry is not one of this one's (a click would have picked it)
        hoveredEdge = null;
      }
      const dpr = window.devicePixelRatio || 1;
      const focus = state.hoveredNeuron ?? state.selectedNeuron;
      // the edges depend on the weights, not the activations: a drawn digit or a stepped
      // example only redraws the neurons
      const weight = state.selectedWeight ?? state.chainWeight;
      const edgeKey = [layout, shown.net.params, focus, weight, dpr];
      const now = performance.now();
      const changed = lastEdgeKey.length === 0 || edgeKey.some((k, i) => k !== lastEdgeKey[i]);
      // while training plays only the weights change, a little per snapshot: the 12,960
      // edges are redrawn at most EDGE_REDRAWS_PER_S times a second (the neurons, every frame)
      const onlyWeights = changed && lastEdgeKey.length > 0 && edgeKey.every((k, i) => i === 1 || k === lastEdgeKey[i]);
      // canvas 2D on this thread draws the 12,960 edges far slower: less often while playing
      const edgeRedrawsPerS = edges.kind === '2d' ? 1 : EDGE_REDRAWS_PER_S;
      const throttled = onlyWeights && state.snapshot?.playing === true && now - lastEdgeAt < 1000 / edgeRedrawsPerS;
      if (changed && !throttled) {
        edges.draw(layout, shown.net.params, { focus, weight }, dpr);
        lastEdgeKey = edgeKey;
        lastEdgeAt = now;
      } else if (throttled && !catchUp) {
        // the last weights of a burst still get drawn
        catchUp = setTimeout(() => {
          catchUp = 0;
          schedule();
        }, 1000 / edgeRedrawsPerS);
      }
      const view: NodeView = {
        activations: shown.activations,
        label: shown.label,
        outputsAreProbabilities: outputsAreProbabilities(shown.net.spec),
        hiddenActivation: shown.net.spec.activation,
        wishes: shown.wishes,
        hovered: state.hoveredNeuron,
        // with nothing selected the inspector explains the true digit's output neuron: ring it
        selected:
          state.selectedNeuron ??
          (shown.label !== null ? { layer: shown.net.spec.sizes.length - 1, index: shown.label } : null),
        caption: shown.caption,
        cost: shown.cost,
      };
      const elapsed = performance.now() - passStart;
      // playing at 1 update/s, both passes fit within the second, and the picture rests whole
      const pass = state.snapshot?.playing ? PLAYING_PASS_MS : PASS_MS;
      // (a drawing the view cannot show leaves the training example's pass to be shown)
      if (passStart > 0 && elapsed < 2 * pass && !probeDrawn(state)) {
        view.reveal = { forward: Math.min(1, elapsed / pass), backward: Math.max(0, elapsed / pass - 1) };
        schedule();
      } else passStart = 0;
      container.dataset.animating = passStart > 0 ? '1' : '0';
      // the static layer (input image, captions) only when the example or the layout changes
      const ring = (r: { layer: number; index: number } | null) => (r?.layer === 0 ? r.index : -1);
      const staticKey = [
        layout,
        checksum(shown.activations[0]),
        shown.caption,
        shown.cost,
        view.outputsAreProbabilities,
        ring(view.hovered),
        ring(view.selected),
        dpr,
      ];
      if (staticKey.some((k, i) => k !== lastStaticKey[i])) {
        drawNetworkStatic(fitCanvas(nodeCanvas.current!, size.width, size.height), layout, view);
        lastStaticKey = staticKey;
      }
      // the neurons and output bars, repainted every frame on their own canvas
      const left = neuronsLeft(layout);
      const neurons = neuronCanvas.current!;
      neurons.style.left = `${left}px`;
      drawNeurons(fitCanvas(neurons, size.width - left, size.height), layout, view);
      placeTip(layout, shown, state.hoveredNeuron);
      container.dataset.drawn = String(Number(container.dataset.drawn ?? 0) + 1);
    };
    const tipSize = tipSizer(() => ({ width: tip.current!.offsetWidth, height: tip.current!.offsetHeight }));
    /** The hovered neuron's numbers beside it (text and place set only when they change). */
    const placeTip = (at: NetworkLayout, shown: NonNullable<ReturnType<typeof displayed>>, n: NeuronRef | null) => {
      const el = tip.current!;
      if (!n && hoveredEdge) {
        const lines = edgeTip(at.sizes, shown.net.params, hoveredEdge.edge);
        if (lines) {
          const text = lines.join('\n');
          if (el.textContent !== text) el.textContent = text;
          el.hidden = false;
          const box = tipSize(text);
          // below right of the pointer, inside the view (above or left of it near the far edges)
          const { x: px, y: py } = hoveredEdge;
          const x = px + 14 + box.width <= at.width - 4 ? px + 14 : Math.max(4, px - 14 - box.width);
          const y = py + 16 + box.height <= at.height - 4 ? py + 16 : Math.max(4, py - 16 - box.height);
          el.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
          return;
        }
      }
      const lines = n ? neuronTip(at.sizes, shown.net.params, shown.activations, shown.wishes, n) : null;
      if (!n || !lines) {
        if (!el.hidden) el.hidden = true;
        tipSize(null);
        return;
      }
      const text = lines.join('\n');
      if (el.textContent !== text) el.textContent = text;
      el.hidden = false;
      const box = tipSize(text);
      const p = at.neurons[n.layer][n.index];
      const gap = n.layer === 0 ? at.image.pixel : at.radii[n.layer] + 6;
      // right of the neuron, or left of it where the right has no room (the outputs); inside the view
      const right = p.x + gap + box.width <= at.width - 4;
      const x = right ? p.x + gap : Math.max(4, p.x - gap - box.width);
      const y = Math.max(4, Math.min(at.height - box.height - 4, p.y - box.height / 2));
      el.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const observer = new ResizeObserver(([entry]) => {
      size = { width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height) };
      schedule();
    });
    observer.observe(container);
    // a zoom or another screen: the canvases again at the new resolution (their CSS size may not change)
    const unwatchRatio = watchDevicePixelRatio(schedule);
    const unsubscribe = useLab.subscribe((s, prev) => {
      // a step to follow through: an example stepped, or an update while playing at 1 a second
      const stepped = s.lastExample !== prev.lastExample && s.lastExample !== null;
      const slowUpdate =
        s.snapshot?.playing === true &&
        !s.snapshot.steppingEpoch &&
        s.settings.speed === 1 &&
        s.snapshot.step !== prev.snapshot?.step;
      if ((stepped || slowUpdate) && !reducedMotion?.matches) passStart = performance.now();
      if (
        s.snapshot !== prev.snapshot ||
        s.lastExample !== prev.lastExample ||
        s.probe !== prev.probe ||
        s.hoveredNeuron !== prev.hoveredNeuron ||
        s.selectedNeuron !== prev.selectedNeuron ||
        s.selectedWeight !== prev.selectedWeight ||
        s.chainWeight !== prev.chainWeight
      )
        schedule();
    });

    const point = (e: PointerEvent) => {
      const r = nodeCanvas.current!.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    /** Where a mouse last moved: a click there is read at this point, as the hover was. */
    let moved: { x: number; y: number } | null = null;
    const onMove = (e: PointerEvent) => {
      if (!layout) return;
      const p = point(e);
      moved = e.pointerType === 'mouse' ? p : null;
      const hit = neuronAt(layout, p);
      const cur = useLab.getState().hoveredNeuron;
      if (hit?.layer !== cur?.layer || hit?.index !== cur?.index) hoverNeuron(hit);
      // the edge a click would pick, named beside the pointer (a mouse's: a finger has no hover)
      const edge = !hit && e.pointerType === 'mouse' ? edgeAt(layout, p, 4) : null;
      const was = hoveredEdge?.edge;
      hoveredEdge = edge ? { edge, x: p.x, y: p.y } : null;
      if (edge || was) schedule();
      nodeCanvas.current!.style.cursor = hit || edge ? 'pointer' : 'default';
    };
    const onLeave = () => {
      hoverNeuron(null);
      if (hoveredEdge) {
        hoveredEdge = null;
        schedule();
      }
    };
    const onClick = (e: PointerEvent) => {
      if (!layout) return;
      // a click's position is rounded to whole px where a move's is not: read where the pointer
      // moved to, so the click picks what the tip named (an edge or a neuron) where they lie close
      // (a zoomed page: the click picked another edge in 26 of 57 places, or the neuron beside the
      // edge named; a student's review)
      const at = point(e);
      const p = moved && Math.abs(moved.x - at.x) <= 1 && Math.abs(moved.y - at.y) <= 1 ? moved : at;
      const hit = neuronAt(layout, p);
      if (hit) {
        const cur = useLab.getState().selectedNeuron;
        selectNeuron(cur && cur.layer === hit.layer && cur.index === hit.index ? null : hit);
        return;
      }
      // a fingertip lands several px off the line it aims at, wider than a mouse pointer
      const edge = edgeAt(layout, p, e.pointerType === 'touch' ? TOUCH_EDGE_TOLERANCE : 4);
      if (edge) {
        selectWeight(edge);
        selectNeuron({ layer: edge.layer, index: edge.to });
        // a weight is explained by the chain rule: on the Nudges tab the click seemed to do nothing
        chooseTab('inspector', 'chain-rule');
      }
    };
    const nc = nodeCanvas.current!;
    nc.addEventListener('pointermove', onMove);
    nc.addEventListener('pointerleave', onLeave);
    nc.addEventListener('click', onClick as EventListener);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      if (catchUp) clearTimeout(catchUp);
      observer.disconnect();
      unsubscribe();
      unwatchRatio();
      nc.removeEventListener('pointermove', onMove);
      nc.removeEventListener('pointerleave', onLeave);
      nc.removeEventListener('click', onClick as EventListener);
      edges.dispose();
      rasterBridge.stop();
    };
  }, []);

  // the keyboard's cursor is the hovered neuron (the same ring the mouse draws)
  const [focused, setFocused] = useState(false);
  const cursor = useLab((s) => (focused ? s.hoveredNeuron : null));
  const cursorText = useLab((s) => {
    if (!cursor || cursor.layer < 1) return '';
    const shown = displayed(s);
    if (!shown || cursor.layer >= shown.net.spec.sizes.length) return '';
    // while training plays the activation changes every snapshot: said, it would flood the live region
    const a = s.snapshot?.playing ? null : (shown.activations[cursor.layer]?.[cursor.index] ?? null);
    const sel = s.selectedNeuron;
    const L = shown.net.spec.sizes.length - 1;
    // what the visible tip says too (its z and nudge were left out of the words)
    const more =
      a === null
        ? null
        : {
            z: weightedInput(shown.net.spec.sizes, shown.net.params, shown.activations, cursor.layer, cursor.index),
            wish: shown.wishes?.[cursor.layer]?.[cursor.index],
            answer: cursor.layer === L && brightest(shown.activations[L]) === cursor.index,
            truth: cursor.layer === L && shown.label === cursor.index,
          };
    return describeNeuron(
      shown.net.spec.sizes,
      cursor,
      a,
      sel?.layer === cursor.layer && sel.index === cursor.index,
      more,
    );
  });
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const state = useLab.getState();
    const shown = displayed(state);
    if (!shown) return;
    const at = state.hoveredNeuron;
    // Space stays play / pause, as everywhere but on a button
    if (e.key === 'Enter') {
      if (!at || at.layer < 1) return;
      e.preventDefault();
      const cur = state.selectedNeuron;
      selectNeuron(cur && cur.layer === at.layer && cur.index === at.index ? null : at);
      return;
    }
    const next = moveNeuron(shown.net.spec.sizes, at ?? state.selectedNeuron, e.key);
    if (next) {
      e.preventDefault();
      hoverNeuron(next);
    }
  };

  return (
    <div className="network-view" ref={box} data-testid="network-view">
      <canvas ref={edgeCanvas} className="network-edges" aria-hidden="true" />
      <canvas ref={neuronCanvas} className="network-neurons" aria-hidden="true" />
      <canvas
        ref={nodeCanvas}
        className="network-nodes"
        data-testid="network-canvas"
        role="application"
        tabIndex={0}
        aria-roledescription="network diagram"
        aria-label="The network: input image, hidden neurons and outputs, with every weight as an edge. Click a neuron to inspect it, or an edge to pick a weight. With the keyboard: arrow keys move between neurons, Enter inspects one."
        onKeyDown={onKeyDown}
        // a click does not focus it: the arrow keys stay the shortcuts (→ steps an example) for the mouse user
        onMouseDown={(e) => e.preventDefault()}
        onFocus={() => {
          setFocused(true);
          const s = useLab.getState();
          if (!s.hoveredNeuron) hoverNeuron(s.selectedNeuron);
        }}
        onBlur={() => {
          setFocused(false);
          hoverNeuron(null);
        }}
      />
      {/* the hovered neuron's numbers (the keyboard's cursor has its own words, below) */}
      <div ref={tip} className="neuron-tip" data-testid="neuron-tip" aria-hidden="true" hidden />
      <p className="visually-hidden" aria-live="polite" data-testid="network-cursor">
        {cursorText}
      </p>
      <NetworkWaiting />
      <InspectorBelow />
    </div>
  );
}
