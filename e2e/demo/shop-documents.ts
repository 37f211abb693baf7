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
        id: 'add_to_cart',
        title: 'Add to cart',
        description: 'Finds a product by a word in its name and puts the first match in your cart.',
        actions: [
          { id: 'find', sourceId: 'shop', operationId: 'searchProducts' },
          { id: 'add', sourceId: 'shop', operationId: 'addToCart' },
        ],
        links: [
          { origin: { actionId: 'add_to_cart', fieldPath: 'parameters.q' }, target: { actionId: 'find', fieldPath: 'parameters.q' } },
          { origin: { actionId: 'find', fieldPath: 'responses.success.products[0].id' }, target: { actionId: 'add', fieldPath: 'requestBody.productId' } },
          { origin: { actionId: 'add_to_cart', fieldPath: 'parameters.quantity' }, target: { actionId: 'add', fieldPath: 'requestBody.quantity' } },
        ],
        fields: {
          parameters: [
            { name: 'q', description: 'A word in the product name', required: true, type: 'string' },
            { name: 'quantity', description: 'How many', required: true, type: 'integer' },
          ],
          responses: { success: { type: 'object', properties: { cart: { type: 'array' } } } },
        },
      },
      {
        id: 'buy_report',
        title: 'Buy the coffee market report',
        description: 'A paid report: the shop asks for 0.01 USDC through x402 before it answers.',
        actions: [{ id: 'report', sourceId: 'shop', operationId: 'getPaidReport' }],
        links: [],
        fields: { parameters: [], responses: { success: { type: 'object' } } },
      },
    ],
  };
}

/** The key the shop page shows to its customers; each key has its own cart. */
export const DEMO_SHOP_KEY = 'demo-key-7f3a';

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
    components: {
      securitySchemes: { shopKey: { type: 'apiKey', in: 'header', name: 'X-Shop-Key', description: 'Your shop API key (see the shop page)' } },
    },
    paths: {
      '/api/products': {
        get: {
          operationId: 'searchProducts',
          summary: 'Search products',
          parameters: [{ name: 'q', in: 'query', required: false, schema: { type: 'string' } }],
          responses: { '200': { description: 'Matching products' } },
        },
      },
      '/api/paid/v2/report': {
        get: {
          operationId: 'getPaidReport',
          summary: 'The coffee market report (paid with x402 v2)',
          responses: { '200': { description: 'The report' }, '402': { description: 'Payment required (x402)' } },
        },
      },
      '/api/cart': {
        get: {
          operationId: 'getCart',
          summary: 'What is in your cart',
          security: [{ shopKey: [] }],
          responses: { '200': { description: 'The cart' } },
        },
        post: {
          operationId: 'addToCart',
          summary: 'Put a product in your cart',
          security: [{ shopKey: [] }],
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
          responses: { '201': { description: 'The cart after adding' } },
        },
      },
    },
  };
}
