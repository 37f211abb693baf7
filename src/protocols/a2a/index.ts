// A2A (Agent2Agent): agent cards of every published generation, normalised to one record.
export { parseA2aAgentCard, readA2aAgentCard, KNOWN_BINDINGS } from './card';
export type { A2aAgentCard, A2aCardParse, A2aCapabilities, A2aGeneration, A2aInterface, A2aSkill } from './card';
export { ACCEPTABLE_JWS_ALGS } from './security';
export type { A2aSecurityRequirement, A2aSecurityScheme, A2aSchemeType, A2aSignature } from './security';
