// The documents the demo shop publishes for agents. Later issues grow this into a full
// agent-enabled site (A2A card, MCP, AITP, x402); today it is an agents.json with its OpenAPI.
export function shopAgentsJson(origin: string) {
  return {
    agentsJson: '0.1.0',
    info: {
      title: 'Emissary Demo Shop',
      version: '0.1.0',
      description: 'A small shop that lets agents search its catalogue and place orders.',
    },
    sources: [{ id: 'shop', path: `${origin}/openapi.json`, description: 'The shop API.' }],
    overrides: [],
    flows: [
      {
        id: 'search_products',
        title: 'Search products',
        description: 'Finds products by a word in their name.',
        actions: [{ id: 'search', sourceId: 'shop', operationId: 'searchProducts' }],
        links: [{ origin: { actionId: 'search_products', fieldPath: 'parameters.q' }, target: { actionId: 'search', fieldPath: 'parameters.q' } }],
        fields: {
          parameters: [{ name: 'q', description: 'A word in the product name', required: true, type: 'string' }],
          responses: { success: { type: 'object', properties: { products: { type: 'array' } } } },
        },
      },
      {
        id: 'order_product',
        title: 'Order a product',
        description: 'Finds a product by name, then orders the first match.',
        actions: [
          { id: 'find', sourceId: 'shop', operationId: 'searchProducts' },
          { id: 'order', sourceId: 'shop', operationId: 'createOrder' },
        ],
        links: [
          { origin: { actionId: 'order_product', fieldPath: 'parameters.q' }, target: { actionId: 'find', fieldPath: 'parameters.q' } },
          { origin: { actionId: 'find', fieldPath: 'responses.success.products[0].id' }, target: { actionId: 'order', fieldPath: 'requestBody.productId' } },
          { origin: { actionId: 'order_product', fieldPath: 'parameters.quantity' }, target: { actionId: 'order', fieldPath: 'requestBody.quantity' } },
        ],
        fields: {
          parameters: [
            { name: 'q', description: 'A word in the product name', required: true, type: 'string' },
            { name: 'quantity', description: 'How many', required: true, type: 'integer' },
          ],
          responses: { success: { type: 'object', properties: { orderId: { type: 'string' } } } },
        },
      },
    ],
  };
}

export const PRODUCTS = [
  { id: 'p-espresso', name: 'Espresso beans, 1 kg', price: '18.50', currency: 'USDC' },
  { id: 'p-grinder', name: 'Hand grinder', price: '64.00', currency: 'USDC' },
  { id: 'p-mug', name: 'Stoneware mug', price: '12.00', currency: 'USDC' },
];

export function shopOpenApi(origin: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Emissary Demo Shop API', version: '0.1.0' },
    servers: [{ url: origin }],
    paths: {
      '/api/products': {
        get: {
          operationId: 'searchProducts',
          summary: 'Search products',
          parameters: [{ name: 'q', in: 'query', required: false, schema: { type: 'string' } }],
          responses: { '200': { description: 'Matching products' } },
        },
      },
      '/api/orders': {
        post: {
          operationId: 'createOrder',
          summary: 'Order a product',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['productId', 'quantity'],
                  properties: { productId: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
                },
              },
            },
          },
          responses: { '201': { description: 'The order' } },
        },
      },
    },
  };
}
