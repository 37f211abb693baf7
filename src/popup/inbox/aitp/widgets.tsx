// AITP messages as native UI in the Inbox: decisions (radio, checkbox, confirmation, product cards), data
// requests (form with per-field profile autofill), quotes (negotiation card, pay through Approvals), payment
// confirmations, and NEAR / EVM wallet requests (in words, decided in Approvals or right here).
// Everything the agent wrote is rendered as text; links only when they are http(s).
import { registerMessageWidget } from '../renderers';
import { DecisionWidget } from './decision';
import { DataWidget, SentDataWidget } from './data-request';
import { ConfirmationWidget, PaymentWidget, QuoteWidget } from './payments';
import { WalletWidget } from './wallet';
import './aitp.css';

registerMessageWidget('aitp:request_decision', DecisionWidget);
registerMessageWidget('aitp:request_data', DataWidget);
registerMessageWidget('aitp:data', SentDataWidget);
registerMessageWidget('aitp:quote', QuoteWidget);
registerMessageWidget('aitp:payment', PaymentWidget);
registerMessageWidget('aitp:payment_confirmation', ConfirmationWidget);
registerMessageWidget('aitp:payment_result', ConfirmationWidget);
for (const kind of ['near.request_account', 'near.request_transaction', 'near.request_message_signing', 'near.token_notification', 'evm.request_address',
  'evm.request_transaction', 'evm.request_message_signing', 'evm.chain_notification', 'evm.token_notification']) {
  registerMessageWidget(`aitp:${kind}`, WalletWidget);
}
