import { css } from '@lit/reactive-element';

// Written to be read: the build minifies it (packages/elements/scripts/minify-templates.mjs).
// Every text block has a fixed height (clamped lines, one-line meta), so an item is as tall
// loading as loaded, and the empty and error states lay the skeleton out unseen beneath their
// message: the host page never jumps. Nothing moves by itself (Circular 32/2017: no moving text).
// Colours meet WCAG 2.1 AA on white.
export const styles = css`
  :host {
    --link: var(--civic-article-list-link-color, var(--civic-color-primary, #0b4f9c));
    --muted: var(--civic-article-list-muted-color, #595959);
    --line: var(--civic-article-list-border-color, #d9d9d9);
    line-height: 1.5;
  }
  .box {
    display: grid;
  }
  .box > * {
    grid-area: 1 / 1;
  }
  .ghost {
    visibility: hidden;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .item {
    display: flex;
    gap: 0.75rem;
    padding: 0.75rem 0;
    border-bottom: 1px solid var(--line);
  }
  .img {
    flex: none;
    align-self: flex-start;
    display: block;
    width: min(var(--civic-article-list-thumb-width, 8rem), 30%);
    height: auto;
    aspect-ratio: 3 / 2;
    object-fit: cover;
    border-radius: var(--civic-radius, 4px);
    background: #eee;
  }
  .body {
    flex: 1;
    min-width: 0;
  }
  p {
    margin: 0;
  }
  .title {
    font-weight: 700;
    line-height: 1.4;
    height: 2.8em;
    overflow: hidden;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
  }
  a {
    color: var(--link);
    text-decoration: none;
  }
  a:hover {
    text-decoration: underline;
  }
  .meta,
  .rating {
    margin-top: 0.25rem;
    font-size: 0.875em;
    height: 1.5em;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--muted);
  }
  .summary {
    margin-top: 0.25rem;
    height: 4.5em;
    overflow: hidden;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
  }
  .stars {
    margin-top: 0.25rem;
    display: block;
    min-height: calc(var(--civic-star-rating-size, max(2rem, 24px)) + 0.5rem + 3em);
  }
  .grid .list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--civic-article-list-card-width, 14rem), 1fr));
    gap: 1rem;
  }
  .grid .item {
    flex-direction: column;
    padding: 0 0 0.75rem;
    border: 1px solid var(--line);
    border-radius: var(--civic-radius, 4px);
    overflow: hidden;
  }
  .grid .img {
    width: 100%;
    aspect-ratio: 16 / 9;
    border-radius: 0;
  }
  .grid .body {
    padding: 0 0.75rem;
  }
  .compact .item {
    padding: 0.5rem 0;
  }
  .skel p,
  .skel .img {
    background: #e4e4e4;
    border-radius: 4px;
  }
  .skel .meta {
    width: 60%;
  }
  [aria-busy=true] .list {
    opacity: 0.6;
  }
  .state {
    align-self: center;
    justify-self: center;
    padding: 1rem;
    text-align: center;
  }
  .msg {
    color: var(--civic-color-danger, #b3261e);
  }
  .search {
    display: grid;
    gap: 0.25rem;
    margin-bottom: 0.75rem;
  }
  input {
    min-height: 2.75rem;
    padding: 0 0.75rem;
    font: inherit;
    border: 1px solid #767676;
    border-radius: var(--civic-radius, 4px);
  }
  button {
    min-height: 2.75rem;
    margin-top: 0.75rem;
    padding: 0 1.25rem;
    border: 1px solid;
    border-radius: var(--civic-radius, 4px);
    background: none;
    color: var(--link);
  }
  .gone {
    visibility: hidden;
  }
  @media (forced-colors: active) {
    .skel p,
    .skel .img {
      background: GrayText;
    }
  }
`;
