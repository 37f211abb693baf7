// The demo shop's AITP agent (see ./agent.ts).
export * from './agent';
