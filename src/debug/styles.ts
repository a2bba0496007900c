/**
 * The toolbar's own styles, in its shadow root. `all: initial` on the host stops the page's
 * inherited styles (font, colour, line height) at the door; nothing here reaches the page.
 */
import { css } from 'lit';

export const styles = css`
  :host {
    all: initial;
    display: block;
    position: fixed;
    inset-block-end: 0.5rem;
    inset-inline-end: 0.5rem;
    z-index: 2147483647;
    max-inline-size: calc(100vw - 1rem);
    font: 12px/1.45 ui-sans-serif, system-ui, sans-serif;
    color: #1b1b1b;
  }
  [hidden] { display: none !important; }
  .toolbar { display: flex; flex-direction: column-reverse; align-items: flex-end; gap: 0.25rem; }
  button, input, select { font: inherit; color: inherit; }
  button {
    padding: 0.2rem 0.6rem; border: 1px solid #8a8a8a; border-radius: 0.25rem;
    background: #f4f4f4; cursor: pointer;
  }
  :focus-visible, [role='tabpanel']:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
  .toggle {
    display: inline-flex; gap: 0.6em; align-items: baseline;
    border-color: #1b1b1b; background: #1b1b1b; color: #fff; font-weight: 600;
  }
  .toggle .summary { font-weight: 400; color: #e6e6e6; }
  .toggle:focus-visible { outline-color: #f5b400; }
  section#body {
    box-sizing: border-box;
    inline-size: min(46rem, calc(100vw - 1rem));
    max-block-size: min(34rem, 70vh);
    display: flex; flex-direction: column;
    border: 1px solid #8a8a8a; border-radius: 0.4rem;
    background: #fff; box-shadow: 0 0.3rem 1.2rem rgb(0 0 0 / 0.25);
  }
  [role='tablist'] {
    display: flex; flex-wrap: wrap; gap: 0.2rem; padding: 0.35rem;
    border-block-end: 1px solid #d0d0d0; background: #f4f4f4; border-radius: 0.4rem 0.4rem 0 0;
  }
  [role='tab'] { border-color: transparent; background: transparent; }
  [role='tab'][aria-selected='true'] { border-color: #8a8a8a; background: #fff; font-weight: 600; }
  [role='tabpanel'] { overflow: auto; padding: 0.5rem 0.75rem 0.75rem; }
  h3 { font-size: 1em; margin: 0.75rem 0 0.25rem; }
  table { border-collapse: collapse; inline-size: 100%; margin-block: 0.35rem 0.6rem; }
  caption { text-align: start; font-weight: 600; padding-block-end: 0.15rem; }
  th, td { text-align: start; vertical-align: top; padding: 0.15rem 0.4rem; border-block-end: 1px solid #e2e2e2; }
  td { white-space: pre-wrap; overflow-wrap: anywhere; }
  th { background: #f4f4f4; }
  table.log td:nth-child(-n+3) { white-space: nowrap; }
  td.time { white-space: nowrap; position: relative; min-inline-size: 6rem; }
  .bar { display: block; block-size: 0.25rem; background: #6b8fd6; margin-block-end: 0.1rem; min-inline-size: 1px; }
  .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.75rem; margin: 0 0 0.5rem; }
  .facts dt { font-weight: 600; }
  .facts dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
  .chain { display: flex; flex-wrap: wrap; gap: 0.3rem; list-style: none; padding: 0; margin: 0 0 0.3rem; font-weight: 600; }
  .chain li + li::before { content: '→ '; font-weight: 400; }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin-block: 0.35rem; }
  label { display: inline-flex; gap: 0.4em; align-items: center; }
  .row input[type='text'] { inline-size: 20rem; max-inline-size: 100%; }
  input, select { border: 1px solid #8a8a8a; border-radius: 0.2rem; padding: 0.1rem 0.3rem; background: #fff; }
  .answer { display: block; padding: 0.3rem 0.5rem; border-inline-start: 3px solid #6b8fd6; background: #f6f8fc; }
  .answer p { margin: 0.15rem 0; }
  .hint { color: #4a4a4a; margin: 0.25rem 0; }
  .empty { margin: 0.35rem 0; }
  .label { font-weight: 600; }
  .visually-hidden {
    position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap;
  }
`;
