// Eclipse LMOS: agent and tool descriptions (W3C WoT Thing Descriptions with lmos: terms), its
// WebSocket messages, forms from data schemas and the conversational agent's chat action.
export { parseThingDescription, readThingDescription, isThingDescription, LMOS_NAMESPACE, LMOS_SUBPROTOCOL } from './thing-description';
export type { TdAffordance, TdForm, ThingDescription, ThingDescriptionParse } from './thing-description';
export { readLmosEnvelope } from './envelope';
export type { LmosEnvelope } from './envelope';
export { build, readIncoming, isUnsupportedType } from './messages';
export type { Incoming, Outgoing } from './messages';
export { schemaForm, inputFromValues } from './schema-fields';
export type { SchemaField, SchemaForm } from './schema-fields';
export { agentRequest, chatAction, agentEventName, resultText, eventLine } from './chat';
export { pickForm } from './forms';
export type { Transport } from './forms';
