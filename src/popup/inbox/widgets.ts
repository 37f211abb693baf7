// Each protocol's message widgets register themselves when imported here.
export {};
