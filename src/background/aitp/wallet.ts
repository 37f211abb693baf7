// AITP-04 / AITP-05 wallet requests: each goes to the approval queue in words (nonce and recipient of a
// NEP-413 message, EIP-712 fields one by one, NEAR actions as sentences); on approval the background signs
// with the vault's keys and answers; otherwise it answers in words (the capabilities have no decline message).
import {
  buildEvmAddressResponse, buildEvmMessageSigningResponse, buildNearAccountResponse, buildNearMessageSigningResponse,
  describeNearTransaction, type MessageOf,
} from '../../protocols/aitp';
import type { TypedData } from '../../protocols/evm';
import type { MessageRecord, ThreadRecord } from '../../store/schema';
import { getMessage, getThread, updateMessage } from '../../store/threads';
import type { ConsentOutcome, ConsentRequest } from '../consent/queue';
import type { AitpBody } from './convert';
import { markAnswered, postCapability, sendText, type AitpDeps } from './handler';

export const WALLET_CONSENT_KIND = 'aitp-wallet';
const MAX_ROWS = 40;

type Rows = { label: string; value: string }[];

function flatten(value: unknown, prefix: string, rows: Rows): void {
  if (rows.length >= MAX_ROWS) return;
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, rows);
    return;
  }
  rows.push({ label: prefix, value: String(value).slice(0, 300) });
}

/** What the human is asked, or why Emissary answers without asking. */
export function consentFor(thread: ThreadRecord, m: MessageRecord, deps: AitpDeps): Omit<ConsentRequest, 'data'> | { decline: string } {
  const msg = (m.body as AitpBody).message;
  const agent = { label: 'Agent', value: `${thread.agent.name} (${thread.agent.url})` };
  const base = { origin: thread.origin, kind: WALLET_CONSENT_KIND };
  const description = 'description' in msg.body && typeof msg.body.description === 'string' ? msg.body.description : undefined;
  const said = description ? [{ label: 'The agent says', value: description.slice(0, 300) }] : [];
  switch (msg.kind) {
    case 'near.request_message_signing': {
      const b = msg.body;
      const account = deps.ctx.vault.accounts();
      return {
        ...base, title: 'Sign a NEAR message (NEP-413)',
        summary: `${thread.agent.name} asks your NEAR account to sign a message for ${b.message.recipient}. It proves the account is yours; it moves no funds.`,
        details: [agent, ...said, { label: 'Message', value: b.message.message.slice(0, 500) }, { label: 'Recipient', value: b.message.recipient },
          { label: 'Nonce', value: b.message.nonce }, { label: 'Account', value: account.ok ? account.value.near.accountId : 'locked' }],
        raw: JSON.stringify(b.message, null, 2),
      };
    }
    case 'near.request_account': {
      const account = deps.ctx.vault.accounts();
      return { ...base, title: 'Share your NEAR account', summary: `${thread.agent.name} asks which NEAR account is yours.`, details: [agent, ...said, { label: 'Account', value: account.ok ? account.value.near.accountId : 'locked' }] };
    }
    case 'evm.request_address':
      return { ...base, title: 'Share your EVM address', summary: `${thread.agent.name} asks for your EVM address.`, details: [agent, ...said, { label: 'Address', value: deps.ctx.vault.evmAddress() ?? 'locked' }] };
    case 'evm.request_message_signing': {
      const b = msg.body;
      const address = deps.ctx.vault.evmAddress() ?? 'locked';
      const warnings = b.address && b.address.toLowerCase() !== address.toLowerCase() ? [`The agent expects ${b.address}, but Emissary's address is ${address}.`] : [];
      if (b.signing_type === 'personal_sign') {
        return { ...base, title: 'Sign a message with your EVM key', summary: `${thread.agent.name} asks you to sign a text message (personal_sign).`, warnings,
          details: [agent, ...said, { label: 'Message', value: b.message.slice(0, 1000) }, { label: 'Address', value: address }], raw: b.message };
      }
      const rows: Rows = [];
      flatten(b.typed_data.domain, 'domain', rows);
      flatten(b.typed_data.message, b.typed_data.primaryType, rows);
      return { ...base, title: `Sign ${b.typed_data.primaryType} (EIP-712)`, summary: `${thread.agent.name} asks you to sign structured data. Read every field: a signature can authorise payments.`, warnings,
        details: [agent, ...said, { label: 'Address', value: address }, ...rows], raw: JSON.stringify(b.typed_data, null, 2) };
    }
    case 'near.request_transaction':
      return { decline: `Emissary cannot send NEAR transactions yet, so it declined: ${describeNearTransaction(msg.body.transaction).join('; ')}.` };
    case 'evm.request_transaction':
      return { decline: `Emissary does not send transactions for agents yet, so it declined sending to ${msg.body.transaction.to}.` };
    default:
      return { decline: 'Emissary noted this; it does not add chains or tokens for agents yet.' };
  }
}

/** Called when a wallet request arrives: asks the human (once) or answers that Emissary cannot. */
export async function askWallet(thread: ThreadRecord, m: MessageRecord, deps: AitpDeps): Promise<void> {
  const ask = consentFor(thread, m, deps);
  if ('decline' in ask) {
    await markAnswered(m.id, ask.decline);
    if (m.kind.endsWith('_notification')) return;
    await sendText(thread, ask.decline, deps).catch(() => undefined);
    return;
  }
  const { id, decision } = await deps.ctx.consent.ask({ ...ask, data: { threadId: thread.id, messageId: m.id } });
  await updateMessage(m.id, (r) => {
    (r.body as AitpBody).consentId = id;
  });
  void decision.then((outcome) => finishWallet(thread.id, m.id, outcome, deps));
}

/** Signs and answers after an approval; declines in words otherwise. Runs at most once per request. */
export async function finishWallet(threadId: string, messageId: string, outcome: ConsentOutcome, deps: AitpDeps): Promise<void> {
  const thread = await getThread(threadId);
  const m = await getMessage(messageId);
  if (!thread || !m || m.answered) return;
  const msg = (m.body as AitpBody).message;
  if (outcome !== 'approved') {
    await markAnswered(m.id, outcome === 'rejected' ? 'You declined.' : `Not answered (${outcome}).`);
    await sendText(thread, outcome === 'rejected' ? 'I declined that request.' : 'That request ended without an answer.', deps).catch(() => undefined);
    return;
  }
  await markAnswered(m.id, 'You approved.');
  try {
    const { vault } = deps.ctx;
    switch (msg.kind) {
      case 'near.request_message_signing': {
        const s = vault.signNep413({ message: msg.body.message.message, nonce: msg.body.message.nonce, recipient: msg.body.message.recipient });
        const built = buildNearMessageSigningResponse(msg as MessageOf<'near.request_message_signing'>, { account_id: s.accountId, public_key: s.publicKey, signature: s.signature });
        if (!built.ok) throw new Error(built.problems[0]?.message);
        return await postCapability(thread, built.value, `Signed the NEAR message for ${msg.body.message.recipient}`, deps);
      }
      case 'near.request_account': {
        const account = vault.accounts();
        if (!account.ok) throw new Error(account.error);
        const built = buildNearAccountResponse(msg as MessageOf<'near.request_account'>, [account.value.near.accountId]);
        if (!built.ok) throw new Error(built.problems[0]?.message);
        return await postCapability(thread, built.value, `Shared NEAR account ${account.value.near.accountId}`, deps);
      }
      case 'evm.request_address': {
        const address = vault.evmAddress();
        if (!address) throw new Error('Emissary is locked.');
        const built = buildEvmAddressResponse(msg as MessageOf<'evm.request_address'>, [address]);
        if (!built.ok) throw new Error(built.problems[0]?.message);
        return await postCapability(thread, built.value, `Shared address ${address}`, deps);
      }
      case 'evm.request_message_signing': {
        const address = vault.evmAddress();
        if (!address) throw new Error('Emissary is locked.');
        const b = msg.body;
        const signature = b.signing_type === 'personal_sign' ? vault.personalSign(b.message) : vault.signTypedData(b.typed_data as unknown as TypedData);
        const built = buildEvmMessageSigningResponse(msg as MessageOf<'evm.request_message_signing'>, { address, signature });
        if (!built.ok) throw new Error(built.problems[0]?.message);
        return await postCapability(thread, built.value, b.signing_type === 'personal_sign' ? 'Signed the message' : `Signed ${b.typed_data.primaryType} (EIP-712)`, deps);
      }
      default:
        return;
    }
  } catch (e) {
    await deps.ctx.inbox.append(threadId, [{ direction: 'note', createdAt: Date.now(), kind: 'text', text: `Could not answer: ${(e as Error).message}` }]);
  }
}
