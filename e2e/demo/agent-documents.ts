// The demo travel agency: an A2A agent card (v1.0 shape) and an ANP agent description, listed at
// /.well-known/agent-descriptions. Shapes follow shared/specs/discovery.md §2.2, §3.1, §3.2.
export function travelAgentCard(origin: string) {
  return {
    name: 'Demo Travel Agent',
    description: 'Plans trips and books rooms for people and their agents.',
    supportedInterfaces: [{ url: `${origin}/a2a/v1`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
    provider: { organization: 'Emissary Demo Travel', url: origin },
    version: '1.0.0',
    capabilities: { streaming: false, pushNotifications: false },
    defaultInputModes: ['text/plain', 'application/json'],
    defaultOutputModes: ['text/plain', 'application/json'],
    skills: [
      { id: 'plan-trip', name: 'Plan a trip', description: 'Suggests an itinerary for dates and a city.', tags: ['travel', 'planning'], examples: ['Three days in Lisbon in May'] },
      { id: 'book-room', name: 'Book a room', description: 'Books a hotel room once you approve the price.', tags: ['travel', 'booking'] },
    ],
  };
}

export function travelAgentDescriptions(origin: string) {
  return {
    '@context': { '@vocab': 'https://schema.org/', did: 'https://w3id.org/did#', ad: 'https://agent-network-protocol.com/ad#' },
    '@type': 'CollectionPage',
    url: `${origin}/.well-known/agent-descriptions`,
    items: [{ '@type': 'ad:AgentDescription', name: 'Demo Travel Concierge', '@id': `${origin}/agents/concierge/ad.json` }],
  };
}

export function travelAgentDescription(origin: string) {
  return {
    protocolType: 'ANP',
    protocolVersion: '1.0.0',
    type: 'AgentDescription',
    url: `${origin}/agents/concierge/ad.json`,
    name: 'Demo Travel Concierge',
    owner: { type: 'Organization', name: 'Emissary Demo Travel', url: origin },
    description: 'Answers questions about destinations and books rooms.',
    created: '2026-11-01T12:00:00Z',
    securityDefinitions: { didwba_sc: { scheme: 'didwba', in: 'header', name: 'Authorization' } },
    security: 'didwba_sc',
    interfaces: [
      { type: 'NaturalLanguageInterface', protocol: 'YAML', url: `${origin}/agents/concierge/nl.yaml`, description: 'Talk to the concierge in plain language.' },
      { type: 'StructuredInterface', protocol: 'openrpc', url: `${origin}/agents/concierge/api.json`, description: 'Search and book rooms.', humanAuthorization: true },
    ],
  };
}
