// Elicitation: the server asks the user for input. Legacy servers send `elicitation/create` as a
// request on the response stream; modern servers put it in an `input_required` result (MRTR).
// Form mode carries a flat requestedSchema; URL mode a URL to open after the user agrees.
import { cappedText } from '../../agents-json/dialects';
import { isObject, type JsonObject } from '../../agents-json/json';
import { isSecureUrl } from './oauth-metadata';
import { inputSchemaForm, type SchemaForm } from './schema-form';

export type ElicitationRequest =
  | { mode: 'form'; message: string; requestedSchema: JsonObject; form: SchemaForm }
  | { mode: 'url'; message: string; url: string; elicitationId: string };

export type ElicitationAction = 'accept' | 'decline' | 'cancel';

export interface ElicitationResponse {
  action: ElicitationAction;
  /** Form mode, `accept` only: the values the user entered. */
  content?: JsonObject;
}

/** Called with each request; resolves with what the user decided. The signal fires when the call is abandoned. */
export type ElicitationHandler = (request: ElicitationRequest, signal: AbortSignal) => Promise<ElicitationResponse>;

const MESSAGE_CAP = 2000;

/** Reads `elicitation/create` params; a string explains why they are unusable. */
export function readElicitation(params: JsonObject | undefined): ElicitationRequest | string {
  if (!params) return 'the elicitation request has no params';
  const message = cappedText(params.message, MESSAGE_CAP) ?? '';
  const mode = params.mode ?? 'form';
  if (mode === 'url') {
    if (typeof params.url !== 'string' || !isSecureUrl(params.url)) return 'URL-mode elicitation needs an https URL';
    if (typeof params.elicitationId !== 'string' || params.elicitationId.length > 200) return 'URL-mode elicitation needs an elicitationId';
    return { mode: 'url', message, url: params.url, elicitationId: params.elicitationId };
  }
  if (mode !== 'form') return `elicitation mode '${String(mode).slice(0, 40)}' is not supported`;
  if (!isObject(params.requestedSchema)) return 'form elicitation needs a requestedSchema object';
  return { mode: 'form', message, requestedSchema: params.requestedSchema, form: inputSchemaForm(params.requestedSchema) };
}

/** The ElicitResult to send back: content only with `accept` in form mode. */
export function elicitResult(request: ElicitationRequest, response: ElicitationResponse): JsonObject {
  const action: ElicitationAction = ['accept', 'decline', 'cancel'].includes(response.action) ? response.action : 'cancel';
  return action === 'accept' && request.mode === 'form' && response.content ? { action, content: response.content } : { action };
}
