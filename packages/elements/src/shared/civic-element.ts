import { ReactiveElement, type PropertyDeclarations, type PropertyValues } from '@lit/reactive-element';
import { render } from 'lit-html';
import { HANDED, type ApiFailure, type Handed } from './api.js';
import { resolveLang, type Lang } from './i18n.js';

/**
 * What every civic-* element shares: the `api` and `lang` attributes and one way to emit events.
 *
 * It is LitElement's render step on Lit's own two cores (ReactiveElement and lit-html), and
 * properties are declared with `static properties` rather than decorators: the same behaviour,
 * about 600 B gzip lighter in every bundle a reader's phone downloads (see the size budgets).
 */
export class CivicElement extends ReactiveElement {
  /** The shadow DOM's template, as in LitElement. */
  protected render(): unknown {
    return '';
  }

  protected override update(changed: PropertyValues) {
    const template = this.render();
    super.update(changed);
    render(template, this.renderRoot, { host: this });
  }

  static override properties: PropertyDeclarations = {
    api: {},
    // observed so that a change of language re-renders; read through resolveLang()
    langAttribute: { attribute: 'lang' },
  };

  /** Origin of the civic-widgets API; defaults to the origin the script was loaded from. */
  api = '';

  /** Language (vi or en); defaults to the nearest ancestor's, then the document's. */
  protected langAttribute: string | null = null;

  protected get language(): Lang {
    return resolveLang(this);
  }

  /** A property by its attribute's name: what shared/first-request.ts computes URLs from. */
  protected setting = (name: string): unknown => this[name as keyof this];

  /** The answer to `url` that the loader already asked for, if it did; taken once. */
  protected handed(url: string) {
    const self = this as this & { [HANDED]?: Handed };
    const handed = self[HANDED];
    delete self[HANDED];
    return handed?.url === url ? handed.response : undefined;
  }

  /** Every civic-* event bubbles out of the shadow root, as docs/architecture.md (Names) says. */
  protected emit<T>(name: string, detail: T) {
    this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
  }

  /** Reports a failure as `civic-error`: what the element was doing, the HTTP status (0: network), the message. */
  protected fail(action: string, error: unknown) {
    const { status = 0, message } = error as Partial<ApiFailure>;
    this.emit('civic-error', { action, status, message: String(message) });
  }
}

/** Defines `tag` unless a page already did (two bundles on one page must not throw). */
export function defineElement(tag: string, element: CustomElementConstructor) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
