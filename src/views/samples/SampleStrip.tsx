/**
 * The training set, a page of digits at a time: real images with their labels (proof that the
 * data arrived), ‹ › to browse, and a click on one makes it the next example stepped.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { trainer } from '../../bridge/trainer-bridge';
import { drawSampleStrip, STRIP_SLOT as SLOT } from '../../render/sample-strip';
import { useLab } from '../../store/lab-store';
import { count } from '../../protocol/numbers';
import { pendingPick, pickExample } from './pick';
import { TOUCH, useDevicePixelRatio, useMedia } from '../use-media';

const COUNT = 12;

interface Page {
  start: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

export function SampleStrip() {
  const trainCount = useLab((s) => (s.data.kind === 'ready' ? s.data.trainCount : 0));
  const playing = useLab((s) => s.snapshot?.playing ?? false);
  const touch = useMedia(TOUCH);
  const [start, setStart] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLElement>(null);
  // as many digits as fit at full size (a strip scaled down to fit made the labels unreadable)
  const [fits, setFits] = useState(COUNT);
  useEffect(() => {
    const observer = new ResizeObserver(([entry]) =>
      setFits(Math.max(1, Math.min(COUNT, Math.floor((entry.contentRect.width + 4) / SLOT)))),
    );
    observer.observe(box.current!);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!trainCount) return;
    let live = true;
    void trainer.trainImages(start, COUNT).then((s) => {
      if (live && s) setPage({ start, ...s });
    });
    return () => {
      live = false;
    };
  }, [trainCount, start]);

  const shown = page ? Math.min(fits, page.labels.length) : 0;
  // before the paint: the canvas stops being hidden in this commit, and undrawn it is 300 x 150
  // (the strip measured 175 px for a frame, then 97, moving what lies below it on a phone)
  const ratio = useDevicePixelRatio();
  useLayoutEffect(() => {
    if (page && canvas.current) drawSampleStrip(canvas.current, page.pixels, page.labels, shown);
  }, [page, shown, ratio]);

  // the digit stepped next, ringed when it is on this page (not while playing: it changes every update)
  const nextOnPage = useLab((s) => {
    if (!page || !s.snapshot || s.snapshot.playing) return -1;
    const next = pendingPick(s.picked, s.snapshot)?.index ?? s.snapshot.nextExample.index;
    return next >= page.start && next < page.start + shown ? next - page.start : -1;
  });

  // the example stepped next (the epoch's shuffled order), to page to: it was almost never on the page shown
  const nextIndex = useLab((s) =>
    !s.snapshot || s.snapshot.playing
      ? null
      : (pendingPick(s.picked, s.snapshot)?.index ?? s.snapshot.nextExample.index),
  );
  // the student's own pick, not the shuffle's ("shuffled next" named it after paging away: a review)
  const nextPicked = useLab((s) => (s.snapshot ? pendingPick(s.picked, s.snapshot) !== null : false));
  const clamp = (at: number) => Math.max(0, Math.min(Math.max(0, trainCount - fits), at));
  const go = (by: number) => setStart((s) => clamp(s + by));
  const first = page?.start ?? start;
  // one Tab stop for the strip's digits, the arrow keys between them (a roving tabindex): a Tab
  // for each of the twelve lay between the network and the inspector (a keyboard review)
  const [cursor, setCursor] = useState(0);
  const slots = useRef<HTMLDivElement>(null);
  // a new page of digits: the Tab stop on the ringed one (the example stepped next), else the first
  const pageStart = page?.start ?? null;
  useEffect(() => setCursor(Math.max(0, nextOnPage)), [pageStart]); // eslint-disable-line react-hooks/exhaustive-deps
  const tabStop = Math.min(cursor, Math.max(0, shown - 1));
  const moveCursor = (e: KeyboardEvent) => {
    const to =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? tabStop + 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? tabStop - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? shown - 1
              : null;
    if (to === null || shown === 0) return;
    e.preventDefault();
    const at = Math.max(0, Math.min(shown - 1, to));
    setCursor(at);
    slots.current?.querySelectorAll<HTMLElement>('[data-testid=strip-digit]')[at]?.focus();
  };
  return (
    <figure ref={box} className="sample-strip" data-testid="sample-strip">
      <figcaption className="strip-head">
        <span className="hint" data-testid="strip-range" translate="no">
          <strong>Training images</strong>
          {shown > 0 ? ` #${first}–${first + shown - 1} of ${count(trainCount)}` : ''}
          {playing ? '' : `: ${touch ? 'tap' : 'click'} one to step it next`}
        </span>
        <span className="strip-pager">
          <button
            type="button"
            className="strip-to-next"
            translate="no"
            data-testid="strip-to-next"
            title={
              nextIndex === null
                ? undefined
                : nextPicked
                  ? `Page to the image you picked to step next, #${nextIndex}`
                  : `Each epoch goes through the images in a new shuffled order: page to the one stepped next, #${nextIndex}`
            }
            hidden={nextIndex === null || nextOnPage >= 0}
            onClick={() => nextIndex !== null && setStart(clamp(nextIndex))}
          >
            {/* an example's number as every panel writes it (#13984): a name, not a count */}
            {/* (not in the strip's order: "#0–9 … click one to step it next" beside "next: #13984" read as
                the strip's next, a student's review) */}
            {nextPicked ? 'your pick next' : 'shuffled next'}: #{nextIndex ?? ''}
          </button>
          <button
            type="button"
            data-testid="strip-earlier"
            aria-label="Earlier training images"
            title="Earlier training images"
            disabled={first === 0}
            onClick={() => go(-fits)}
          >
            ‹
          </button>
          <button
            type="button"
            data-testid="strip-later"
            aria-label="Later training images"
            title="Later training images"
            disabled={!trainCount || first + shown >= trainCount}
            onClick={() => go(fits)}
          >
            ›
          </button>
        </span>
      </figcaption>
      <div className="strip-digits" ref={slots} onKeyDown={moveCursor}>
        <canvas
          ref={canvas}
          hidden={!page}
          data-testid="sample-digits"
          role="img"
          aria-label="Training digits with their labels"
        />
        {page &&
          Array.from({ length: shown }, (_, i) => {
            const index = page.start + i;
            const label = page.labels[i];
            return (
              <button
                key={index}
                type="button"
                className={i === nextOnPage ? 'strip-slot next' : 'strip-slot'}
                style={{ left: i * SLOT }}
                data-testid="strip-digit"
                aria-label={`Training image #${index}, a ${label}: step it next`}
                title={playing ? `#${index}, a ${label}` : `#${index}, a ${label}: step it next`}
                aria-pressed={i === nextOnPage}
                tabIndex={i === tabStop ? 0 : -1}
                onFocus={() => setCursor(i)}
                disabled={playing}
                onClick={() => void pickExample(index, label)}
              />
            );
          })}
      </div>
      <span className="visually-hidden" data-testid="sample-labels">
        {/* the labels of the digits drawn (as many as fit), not all that were loaded */}
        {page ? Array.from(page.labels.subarray(0, shown)).join(' ') : ''}
      </span>
    </figure>
  );
}
