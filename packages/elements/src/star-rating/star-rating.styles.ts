import { css } from '@lit/reactive-element';

// Written to be read: the build minifies it (packages/elements/scripts/minify-templates.mjs).
// Colours meet WCAG 2.1 AA on white: a full star's fill and both outlines ≥ 3:1 (1.4.11), so
// full and empty stars differ by more than hue; text ≥ 4.5:1 (1.4.3).
// Every state lays out the sentence, and a narrow box (< 30em, where it may wrap) reserves two
// lines for it whatever its numbers, so the page never jumps when the rating loads.
// A star stays a 24px target on a page whose root font is 10px (Bootstrap 3's 62.5%); the box
// keeps 20em in a float or inline-block, which the container's inline-size would shrink to 0.
// The retry button is a 24px target at any font size (WCAG 2.5.8): under 16px what it adds to
// 1.5em is taken back by a negative top margin, so its line, and the box, keep their height; it
// grows upwards, over the gap and the message's spare line, never over the page below the box.
export const styles = css`
  :host {
    --size: var(--civic-star-rating-size, max(2rem, 24px));
    line-height: 1.5;
    min-width: min(100%, 20em);
  }
  .base {
    display: grid;
    gap: 0.25rem;
    container-type: inline-size;
  }
  .stars {
    display: flex;
    width: max-content;
  }
  .star {
    width: var(--size);
    height: var(--size);
    padding: 0.125rem;
    border-radius: var(--civic-radius, 4px);
    touch-action: manipulation;
  }
  [role=radio] {
    cursor: pointer;
  }
  svg {
    display: block;
    width: 100%;
    height: 100%;
  }
  path {
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
  .empty {
    fill: var(--civic-star-rating-empty-color, #fff);
    stroke: #767676;
  }
  .full {
    fill: var(--civic-star-rating-color, var(--civic-color-star, #c97c00));
    stroke: var(--civic-star-rating-outline-color, #a15c00);
  }
  .loading path {
    fill: #e4e4e4;
    stroke: #e4e4e4;
  }
  p {
    margin: 0;
    min-height: 1.5em;
  }
  .prompt {
    color: var(--civic-star-rating-muted-color, #595959);
  }
  .message {
    color: var(--civic-color-danger, #b3261e);
  }
  .text {
    display: grid;
  }
  @container (max-width: 30em) {
    .text {
      min-height: 3em;
    }
  }
  .text > p {
    grid-area: 1 / 1;
  }
  .failed [part=summary] {
    visibility: hidden;
  }
  .loading p {
    color: transparent;
  }
  .loading span {
    border-radius: 0.25em;
    background: #e4e4e4;
  }
  .retry {
    height: max(1.5em, 24px);
    margin-top: min(0px, 1.5em - 24px);
    padding: 0 0.75em;
    border: 1px solid;
    border-radius: var(--civic-radius, 4px);
    background: none;
    line-height: 1;
    vertical-align: top;
  }
  @media (forced-colors: active) {
    .full {
      fill: Highlight;
    }
    .empty {
      fill: Canvas;
    }
    .empty,
    .full {
      stroke: CanvasText;
    }
    .loading span {
      background: GrayText;
    }
  }
`;
