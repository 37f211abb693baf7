// requestDataForm: an AITP-03 request_data → a UI-neutral form description. Autocomplete tokens (HTML
// autofill detail tokens) say which field of the user's Emissary profile can fill a field; card fields never do.

import { isHttpUrl, Reader } from './read';
import { readRemoteForm } from './data-request';
import { toTree } from './message';
import type { AitpResult, DataField, DataFieldOption, DataFieldType, MessageOf, RequestData } from './types';

/** The profile the user keeps in Emissary: name, email, phone, shipping address. */
export type ProfileKey = 'name' | 'given_name' | 'family_name' | 'email' | 'tel' | 'organization' | 'street_address'
  | 'address_line1' | 'address_line2' | 'address_level1' | 'address_level2' | 'postal_code' | 'country' | 'country_name';
export type Profile = Partial<Record<ProfileKey, string>>;

const TOKEN_TO_PROFILE: Readonly<Record<string, ProfileKey>> = {
  name: 'name', 'given-name': 'given_name', 'family-name': 'family_name', email: 'email', tel: 'tel',
  'tel-national': 'tel', organization: 'organization', 'street-address': 'street_address',
  'address-line1': 'address_line1', 'address-line2': 'address_line2', 'address-level1': 'address_level1',
  'address-level2': 'address_level2', 'postal-code': 'postal_code', country: 'country', 'country-name': 'country_name',
};
const QUALIFIERS = new Set(['shipping', 'billing', 'home', 'work', 'mobile', 'fax', 'pager', 'webauthn']);

export interface AutocompleteInfo {
  /** The token as sent (trimmed, lower-cased). */
  token: string;
  /** The autofill field name, e.g. `address-line1`, `cc-number`. */
  field: string;
  section?: 'shipping' | 'billing';
}

/** Reads an HTML autocomplete attribute value: `section-x shipping address-line1` → field `address-line1`. */
export function parseAutocomplete(value: string | undefined): AutocompleteInfo | undefined {
  if (!value) return undefined;
  const token = value.trim().toLowerCase().slice(0, 200);
  const parts = token.split(/\s+/).filter((p) => p && !p.startsWith('section-'));
  const field = parts.filter((p) => !QUALIFIERS.has(p)).pop();
  if (!field || field === 'off' || field === 'on') return undefined;
  const section = parts.includes('shipping') ? 'shipping' : parts.includes('billing') ? 'billing' : undefined;
  return { token, field, ...(section ? { section } : {}) };
}

/** Card data (cc-number, cc-csc, cc-exp...): never filled from the profile, redacted in the thread afterwards. */
export function isSensitiveAutocomplete(info: AutocompleteInfo | undefined): boolean {
  return !!info && (info.field.startsWith('cc-') || info.field === 'current-password' || info.field === 'new-password' || info.field === 'one-time-code');
}

export interface FormFieldView {
  name: string;
  label: string;
  description?: string;
  input: DataFieldType;
  required: boolean;
  defaultValue?: string;
  options?: DataFieldOption[];
  autocomplete?: AutocompleteInfo;
  /** The profile field that can fill this one (shown and consented to before sending), or null. */
  profileKey: ProfileKey | null;
  sensitive: boolean;
}

export interface FormView {
  requestId: string;
  title?: string;
  description: string;
  submitLabel: string;
  /** `remote`: the fields live at `url` and must be fetched (without credentials) before the form can be shown. */
  source: { kind: 'inline' } | { kind: 'remote'; url: string; sameOrigin: boolean };
  fields: FormFieldView[];
}

function fieldView(f: DataField): FormFieldView {
  const autocomplete = parseAutocomplete(f.autocomplete);
  const sensitive = isSensitiveAutocomplete(autocomplete);
  const view: FormFieldView = {
    name: f.id, label: f.label ?? f.id, input: f.type, required: f.required,
    profileKey: !sensitive && autocomplete ? TOKEN_TO_PROFILE[autocomplete.field] ?? null : null, sensitive,
  };
  if (f.description !== undefined) view.description = f.description;
  if (f.default_value !== undefined && !sensitive) view.defaultValue = f.default_value;
  if (f.options) view.options = f.options;
  if (autocomplete) view.autocomplete = autocomplete;
  return view;
}

export interface FormOptions {
  /** The agent's origin (`https://shop.example`), to say whether a json_url stays on it. */
  agentOrigin?: string;
  /** Fields fetched from json_url (parseRemoteForm), when the form has no inline fields. */
  remoteFields?: readonly DataField[];
}

export function requestDataForm(request: MessageOf<'data.request_data'> | RequestData, options: FormOptions = {}): FormView {
  const body = 'body' in request ? request.body : request;
  const url = body.form.json_url;
  const inline = body.form.fields;
  let source: FormView['source'] = { kind: 'inline' };
  if (!inline && url) {
    let sameOrigin = false;
    try {
      sameOrigin = !!options.agentOrigin && new URL(url).origin === new URL(options.agentOrigin).origin;
    } catch {
      sameOrigin = false;
    }
    source = { kind: 'remote', url, sameOrigin };
  }
  const fields = inline ?? options.remoteFields ?? [];
  return {
    requestId: body.id,
    ...(body.title !== undefined ? { title: body.title } : {}),
    description: body.description,
    submitLabel: body.fillButtonLabel ?? 'Fill out form',
    source,
    fields: fields.map(fieldView),
  };
}

/** The document a json_url points to (`{ "fields": [...] }`), validated like inline fields. */
export function parseRemoteForm(untrusted: unknown, url = 'remote form'): AitpResult<DataField[]> {
  const label = isHttpUrl(url) ? `form at ${url.slice(0, 120)}` : url;
  const tree = toTree(untrusted, label);
  const r = new Reader(label, tree.problems);
  const form = tree.value && !r.failed ? readRemoteForm(r, tree.value, '') : undefined;
  return form ? { ok: true, value: form.fields, problems: r.problems } : { ok: false, problems: r.problems };
}

/** Suggested values from the profile, by field name: only non-sensitive fields with a profile value. */
export function suggestFromProfile(form: FormView, profile: Profile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of form.fields) {
    const v = f.profileKey ? profile[f.profileKey] : undefined;
    if (v !== undefined && v !== '' && !f.sensitive) out[f.name] = v;
  }
  return out;
}
