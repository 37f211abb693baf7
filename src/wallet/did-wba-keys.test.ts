// Per-site did:wba keys: deterministic from the seed, different per site, per rotation and per role,
// and a signing key that refuses to sign for key agreement.
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from './bytes';
import { DidWbaKeyring, KeyPurposeError, personaIndex, personaPath } from './did-wba-keys';
import { mnemonicToSeed } from './mnemonic';

const PHRASE = 'test test test test test test test test test test test junk';

describe('DidWbaKeyring', async () => {
  const seed = await mnemonicToSeed(PHRASE);
  it('derives the same keys from the same seed and different keys per site, rotation and role', () => {
    const a = new DidWbaKeyring(seed), b = new DidWbaKeyring(seed);
    const shop = a.publicKeys('site:https://shop.example', 0);
    expect(bytesToHex(b.publicKeys('site:https://shop.example', 0).signing)).toBe(bytesToHex(shop.signing));
    const keys = [shop.signing, shop.keyAgreement, a.publicKeys('site:https://news.example', 0).signing, a.publicKeys('site:https://shop.example', 1).signing, a.publicKeys('name:work', 0).signing].map(bytesToHex);
    expect(new Set(keys).size).toBe(5);
    expect(shop.path).toBe(`m/687368'/1'/${personaIndex('site:https://shop.example')}'/0'`);
    expect(personaPath('name:work', 2)).toMatch(/^m\/687368'\/1'\/\d+'\/2'$/);
  });

  it('signs for authentication and assertion only, and stops when wiped', () => {
    const k = new DidWbaKeyring(seed);
    const msg = new TextEncoder().encode('hello');
    const sig = k.sign('site:https://a.example', 0, 'authentication', msg);
    expect(ed25519.verify(sig, msg, k.publicKeys('site:https://a.example', 0).signing)).toBe(true);
    expect(() => k.sign('site:https://a.example', 0, 'keyAgreement', msg)).toThrow(KeyPurposeError);
    k.wipe();
    expect(() => k.sign('site:https://a.example', 0, 'authentication', msg)).toThrow('locked');
  });
});
