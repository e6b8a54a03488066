/**
 * HTML built from templates with every interpolated value escaped: `html` returns SafeHtml, and
 * only SafeHtml (another `html` template, or a constant wrapped by `trustedHtml`) is inserted
 * as is. Names of printers, documents and users come from clients, so nothing they say can
 * become markup on a page (the OWASP rule: escape for the HTML body and for quoted attributes).
 */

export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What a template may interpolate: false, null and undefined render nothing, so `${ok && html`…`}` works. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an element's body or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  if (value === null || value === undefined || value === false || value === true) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup written in this code base (a constant), never text that came from outside. */
export function trustedHtml(text: string): SafeHtml {
  return new SafeHtml(text);
}
