// The demo café's Agora protocol document. Its exact bytes are its name: do not reformat this text.
export const COFFEE_ORDER_DOC = [
  '---',
  'name: Coffee order',
  'description: Order drinks from the demo café for pickup; one request, one response.',
  'multiround: false',
  '---',
  '',
  '# Coffee order',
  '',
  'The request body is a JSON object with this schema:',
  '```json',
  '{"type": "object", "properties": {"drink": {"type": "string", "enum": ["espresso", "latte", "flat white"], "default": "latte", "description": "What to make"}, "quantity": {"type": "integer", "description": "How many cups, 1 to 6"}, "name": {"type": "string", "description": "Name for the pickup counter"}}, "required": ["drink", "quantity", "name"]}',
  '```',
  '',
  'The response body is a JSON object like this example:',
  '```json',
  '{"orderId": "C-1001", "drink": "latte", "quantity": 2, "total": "7.00 USDC", "pickup": "in 5 minutes"}',
  '```',
  '',
  'A request the café cannot serve gets a response body {"error": "<why>"}.',
  '',
].join('\n');

export const PRICES: Record<string, number> = { espresso: 250, latte: 350, 'flat white': 375 };
