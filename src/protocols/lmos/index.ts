// Eclipse LMOS: agent and tool descriptions (W3C WoT Thing Descriptions with lmos: terms) and the
// common members of its WebSocket messages.
export { parseThingDescription, readThingDescription, isThingDescription, LMOS_NAMESPACE, LMOS_SUBPROTOCOL } from './thing-description';
export type { TdAffordance, TdForm, ThingDescription, ThingDescriptionParse } from './thing-description';
export { readLmosEnvelope } from './envelope';
export type { LmosEnvelope } from './envelope';
