import { css } from '@lit/reactive-element';

// Written to be read: the build minifies it (packages/elements/scripts/minify-templates.mjs).
// Colours meet WCAG 2.1 AA on white: #1a56db with white text is 5.9:1, #595959 on white 7:1.
// In select mode every state is one row of 2.5em (an error message may take two lines of
// 1.25em), so the page does not jump when the links load.
export const styles = css`
  :host {
    --accent: var(--civic-link-directory-accent, var(--civic-color-primary, #1a56db));
    --muted: var(--civic-link-directory-muted-color, #595959);
    line-height: 1.5;
  }
  .row {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 2.5em;
  }
  .row p {
    flex: 1;
    margin: 0;
    line-height: 1.25;
  }
  select,
  input,
  .go,
  .retry,
  .skeleton span {
    height: 2.5em;
    border: 1px solid #767676;
    border-radius: var(--civic-radius, 4px);
    font: inherit;
  }
  select,
  input {
    min-width: 0;
    padding: 0 0.5em;
    background: #fff;
    color: #000;
  }
  select,
  .skeleton span {
    flex: 1;
  }
  input {
    display: block;
    width: 100%;
    margin-bottom: 0.5rem;
  }
  .go {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding: 0 1em;
    border-color: transparent;
    background: var(--accent);
    color: #fff;
    font-weight: bold;
    text-decoration: none;
    white-space: nowrap;
  }
  .skeleton span {
    border-color: #e4e4e4;
    background: #e4e4e4;
  }
  .skeleton span + span {
    flex: 0 0 4em;
  }
  .retry {
    padding: 0 0.75em;
    background: none;
  }
  .message {
    color: var(--civic-color-danger, #b3261e);
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  summary {
    padding: 0.25em 0;
    font-weight: bold;
    cursor: pointer;
  }
  li {
    padding: 0.25em 0;
  }
  .link {
    color: var(--accent);
  }
  small {
    display: block;
    color: var(--muted);
  }
  .broken .link {
    color: var(--muted);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--civic-link-directory-tile, 8rem), 1fr));
    gap: 0.5rem;
  }
  .grid li {
    padding: 0;
  }
  .grid a {
    display: flex;
    align-items: center;
    justify-content: center;
    height: 4.5em;
    padding: 0.25em;
    border: 1px solid #ccc;
    border-radius: var(--civic-radius, 4px);
    text-align: center;
    font-size: 0.875em;
    line-height: 1.25;
    overflow: hidden;
  }
  img {
    max-width: 100%;
    max-height: 100%;
    object-fit: contain;
  }
  @media (forced-colors: active) {
    .go {
      border-color: ButtonText;
    }
    .skeleton span {
      background: GrayText;
    }
  }
`;
