import { css } from '@lit/reactive-element';

// Written to be read: the build minifies it (packages/elements/scripts/minify-templates.mjs).
// Every image box is sized before its picture arrives: in a grid by the cell's width and
// --civic-photo-gallery-ratio, in a strip by --civic-photo-gallery-height and the photo's own
// width/height attributes; placeholders (loading, empty, error) take the same boxes, so the page
// never jumps. Text on the dark lightbox is white (≥ 15:1); muted text #595959 is 7:1 on white;
// motion only when the reader has not asked for less.
// Its text buttons stay 24px tall in an 11px sidebar of a 10px-root page (docs/legacy-pages.md).
export const styles = css`
  :host {
    --r: var(--civic-photo-gallery-ratio, 3 / 2);
    --h: var(--civic-photo-gallery-height, 8rem);
    line-height: 1.4;
  }
  ul {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--civic-photo-gallery-min, 8rem), 1fr));
    gap: var(--civic-photo-gallery-gap, 0.5rem);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .strip ul {
    display: flex;
    overflow-x: auto;
    scroll-snap-type: x mandatory;
  }
  .strip li {
    flex: none;
    scroll-snap-align: start;
  }
  .thumb,
  .card {
    display: grid;
    gap: 0.25rem;
    width: 100%;
    padding: 0;
    border: 0;
    border-radius: var(--civic-radius, 4px);
    background: none;
    text-align: start;
  }
  .img,
  ul img {
    display: block;
    width: 100%;
    height: auto;
    border-radius: var(--civic-radius, 4px);
    background: #e4e4e4;
    object-fit: cover;
  }
  .grid .img,
  .grid ul img {
    aspect-ratio: var(--r);
  }
  .strip .img,
  .strip ul img {
    width: auto;
    height: var(--h);
  }
  .strip .img {
    width: calc(var(--h) * 1.5);
  }
  .card {
    padding-bottom: 0.5rem;
  }
  b {
    display: -webkit-box;
    min-height: 2.8em;
    overflow: hidden;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
  }
  .count,
  .muted {
    color: var(--civic-photo-gallery-muted-color, #595959);
    font-size: 0.875em;
  }
  .box {
    display: grid;
  }
  .box > * {
    grid-area: 1 / 1;
  }
  .skeleton {
    visibility: hidden;
  }
  [aria-busy=true] .skeleton {
    visibility: visible;
  }
  .message {
    align-self: center;
    margin: 0;
    padding: 1rem;
    text-align: center;
  }
  [role=alert] {
    color: var(--civic-color-danger, #b3261e);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0 0 0.5rem;
  }
  .head b {
    min-height: 0;
  }
  .back,
  .more,
  .retry {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid;
    border-radius: var(--civic-radius, 4px);
    background: none;
    min-height: 24px;
  }
  .more {
    margin-top: 0.5rem;
  }
  svg {
    display: block;
    width: 1.5rem;
    height: 1.5rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .back svg {
    width: 1em;
  }
  dialog {
    width: 100%;
    max-width: none;
    height: 100%;
    max-height: none;
    margin: 0;
    padding: 0;
    border: 0;
    background: var(--civic-photo-gallery-backdrop, #111);
    color: #fff;
  }
  dialog[open] {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr);
  }
  dialog :focus-visible {
    outline-color: #fff;
  }
  dialog button {
    width: 2.75rem;
    height: 2.75rem;
    padding: 0.625rem;
    border: 0;
    border-radius: 50%;
    background: rgb(0 0 0 / 0.6);
    color: #fff;
  }
  [aria-pressed=true] {
    background: #fff;
    color: #111;
  }
  .bar {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
    padding: 0.5rem;
  }
  figure {
    display: grid;
    grid-template-rows: minmax(0, 1fr) auto;
    margin: 0;
  }
  .stage {
    display: flex;
    overflow: hidden;
    touch-action: pan-y pinch-zoom;
    cursor: zoom-in;
  }
  .stage img {
    margin: auto;
  }
  .fit img {
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  .zoomed {
    overflow: auto;
    touch-action: auto;
    cursor: zoom-out;
  }
  figcaption {
    padding: 0.5rem 1rem 1rem;
    text-align: center;
  }
  figcaption span {
    margin-inline-end: 0.75rem;
    font-variant-numeric: tabular-nums;
  }
  .credit {
    display: block;
    color: #d6d6d6;
  }
  .prev,
  .next {
    position: absolute;
    top: 50%;
  }
  .prev {
    left: 0.5rem;
  }
  .next {
    right: 0.5rem;
  }
  @media (prefers-reduced-motion: no-preference) {
    dialog[open] {
      animation: fade 0.2s;
    }
    .strip ul {
      scroll-behavior: smooth;
    }
  }
  @keyframes fade {
    from {
      opacity: 0;
    }
  }
  @media (forced-colors: active) {
    dialog button,
    .img {
      border: 1px solid;
    }
    [aria-pressed=true] {
      background: Highlight;
      color: HighlightText;
    }
  }
`;
