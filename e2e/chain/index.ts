// A local EVM chain for tests (anvil from npm) and the TestUSDC token on it.
export * from './anvil';
export * from './test-usdc';
