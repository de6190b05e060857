import { css } from '@lit/reactive-element';

/**
 * What every element's shadow root starts from: a box that ignores the host page's global rules
 * (Bootstrap's `* { box-sizing }`, `img { width: 100% }` …), inherits its font, and shows focus.
 * Of the text properties a page's block passes down (a sidebar's `text-transform: uppercase`,
 * `letter-spacing`, `white-space: nowrap`, `text-align: justify`, `<center>`), only the font and
 * colour are taken; a page's `* { transition: all 1s }` would animate the host from the page's
 * values to these for a second after it upgrades, and only an important rule here beats it
 * (docs/legacy-pages.md).
 */
export const baseStyles = css`
  :host {
    display: block;
    font: inherit;
    color: var(--civic-color-text, inherit);
    text-align: start;
    text-indent: 0;
    text-transform: none;
    letter-spacing: normal;
    word-spacing: normal;
    white-space: normal;
    transition: none !important;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--civic-color-focus, #1a56db);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
