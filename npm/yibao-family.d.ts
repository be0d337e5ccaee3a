// Types of `yibao-family/element`: importing it defines the custom element <yibao-family>.

import type * as Engine from './pkg/yibao_family.js';
import type { ReportTypes } from './index.js';

/** `<yibao-family>`. Attributes: `locale` (`zh-Hans` default, `zh-Hant`, `en`), `as-of`
 *  (`YYYY-MM-DD`, default today in UTC+8), `region` (six-digit code), `mode` (`questionnaire`
 *  default, or `calculator`), `elder` (larger type and targets), `answers` (initial questionnaire
 *  answers as JSON). It fetches its stylesheet, its two halves, the wasm and the on-demand catalogs
 *  relative to its own URL. */
export declare class YibaoFamily extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The `locale` attribute, normalised. */
  readonly locale: 'zh-Hans' | 'zh-Hant' | 'en';
  /** The `mode` attribute, normalised. */
  readonly mode: 'questionnaire' | 'calculator';
  /** The `region` attribute if it is a six-digit code, else null. */
  readonly region: string | null;
  /** The `as-of` attribute if it is a date, else null. */
  readonly asOf: string | null;
}

/** The engine the widgets on this page use, loaded once (the wasm core, or the JS core where
 *  WebAssembly is missing), for a host that wants an answer without the widget. */
export declare function core(): Promise<Omit<typeof Engine, 'default' | 'initSync'>>;

/** `detail` of the `yibao-family:result` event (bubbling, composed). */
export interface YibaoFamilyResult {
  /** The result as plain text, in the element's locale. */
  summary: string;
  recommendations: {
    id: string;
    recommendation: ReportTypes.Person['recommendation'];
    conditional: boolean;
  }[];
  as_of: string;
  mode: 'questionnaire' | 'calculator';
}

/** `detail` of the `yibao-family:ready` event (bubbling, composed). */
export interface YibaoFamilyReady {
  locale: 'zh-Hans' | 'zh-Hant' | 'en';
  title: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'yibao-family': YibaoFamily;
  }
  interface HTMLElementEventMap {
    'yibao-family:result': CustomEvent<YibaoFamilyResult>;
    'yibao-family:ready': CustomEvent<YibaoFamilyReady>;
  }
}
