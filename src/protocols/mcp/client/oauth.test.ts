import { describe, expect, it } from 'vitest';
import { buildAuthorizationUrl, buildRegistrationRequest, buildTokenRequest, createPkcePair, parseAuthorizationResponse, parseRegistrationResponse, parseTokenResponse, pkceChallenge } from './oauth';
import {
  authorizationServerMetadataUrls, canonicalResourceUri, parseAuthorizationServerMetadata, parseProtectedResourceMetadata,
  parseWwwAuthenticate, protectedResourceMetadataUrls, selectScope,
} from './oauth-metadata';

const AS = {
  issuer: 'https://auth.example.com', authorization_endpoint: 'https://auth.example.com/authorize', token_endpoint: 'https://auth.example.com/token',
  registration_endpoint: 'https://auth.example.com/register', code_challenge_methods_supported: ['S256'], scopes_supported: ['mcp:tools'],
  authorization_response_iss_parameter_supported: true,
};

describe('PKCE', () => {
  it('matches the RFC 7636 Appendix B test vector', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes fresh 43-character verifiers and refuses malformed ones', async () => {
    const a = await createPkcePair();
    const b = await createPkcePair();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(await pkceChallenge(a.verifier));
    await expect(pkceChallenge('short')).rejects.toThrow(/43–128/);
  });
});

describe('authorization discovery', () => {
  it('parses the Bearer challenge of a 401, also among other challenges', () => {
    expect(parseWwwAuthenticate('Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", scope="files:read"'))
      .toEqual({ scheme: 'Bearer', resourceMetadata: 'https://mcp.example.com/.well-known/oauth-protected-resource', scope: 'files:read' });
    expect(parseWwwAuthenticate('Basic realm="x", Bearer error="insufficient_scope", scope="a b", error_description="need \\"a\\""'))
      .toEqual({ scheme: 'Bearer', error: 'insufficient_scope', scope: 'a b', errorDescription: 'need "a"' });
    expect(parseWwwAuthenticate('Basic realm="x"')).toBeNull();
  });

  it('lists metadata locations in the spec order', () => {
    expect(protectedResourceMetadataUrls('https://mcp.example.com/public/mcp', { scheme: 'Bearer', resourceMetadata: 'https://mcp.example.com/prm' }))
      .toEqual(['https://mcp.example.com/prm', 'https://mcp.example.com/.well-known/oauth-protected-resource/public/mcp', 'https://mcp.example.com/.well-known/oauth-protected-resource']);
    expect(protectedResourceMetadataUrls('https://mcp.example.com/', { scheme: 'Bearer', resourceMetadata: 'http://evil.example/prm' }))
      .toEqual(['https://mcp.example.com/.well-known/oauth-protected-resource']);
    expect(authorizationServerMetadataUrls('https://auth.example.com/tenant1')).toEqual([
      'https://auth.example.com/.well-known/oauth-authorization-server/tenant1', 'https://auth.example.com/.well-known/openid-configuration/tenant1',
      'https://auth.example.com/tenant1/.well-known/openid-configuration',
    ]);
    expect(authorizationServerMetadataUrls('https://auth.example.com')).toEqual(['https://auth.example.com/.well-known/oauth-authorization-server', 'https://auth.example.com/.well-known/openid-configuration']);
  });

  it('canonicalises the resource URI', () => {
    expect(canonicalResourceUri('HTTPS://MCP.Example.com/')).toBe('https://mcp.example.com');
    expect(canonicalResourceUri('https://mcp.example.com/mcp/#frag')).toBe('https://mcp.example.com/mcp');
    expect(canonicalResourceUri('https://mcp.example.com:8443/mcp')).toBe('https://mcp.example.com:8443/mcp');
  });

  it('reads protected-resource metadata and checks that it is about this server', () => {
    const prm = JSON.stringify({ resource: 'https://your-server.com/mcp', authorization_servers: ['https://auth.your-server.com', 'http://insecure.example'], scopes_supported: ['mcp:tools', 'mcp:resources'] });
    const ok = parseProtectedResourceMetadata(prm, 'https://your-server.com/mcp/');
    expect(ok).toMatchObject({ ok: true, value: { authorizationServers: ['https://auth.your-server.com'], scopesSupported: ['mcp:tools', 'mcp:resources'] } });
    expect(ok.problems).toHaveLength(1);
    expect(parseProtectedResourceMetadata(prm, 'https://other.example/mcp')).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/not the MCP server/) }] });
    expect(selectScope(null, ok.ok ? ok.value : null)).toBe('mcp:tools mcp:resources');
    expect(selectScope({ scheme: 'Bearer', scope: 'files:read' }, ok.ok ? ok.value : null)).toBe('files:read');
  });

  it('reads authorization-server metadata and refuses servers without PKCE S256 or with a different issuer', () => {
    expect(parseAuthorizationServerMetadata(JSON.stringify(AS), 'https://auth.example.com')).toMatchObject({ ok: true, value: { registrationEndpoint: 'https://auth.example.com/register', issParameterSupported: true } });
    const { code_challenge_methods_supported: _drop, ...noPkce } = AS;
    expect(parseAuthorizationServerMetadata(JSON.stringify(noPkce), 'https://auth.example.com')).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/S256/) }] });
    expect(parseAuthorizationServerMetadata(JSON.stringify({ ...AS, issuer: 'https://evil.example' }), 'https://auth.example.com').ok).toBe(false);
    expect(parseAuthorizationServerMetadata(JSON.stringify({ ...AS, token_endpoint: 'http://auth.example.com/token' }), 'https://auth.example.com').ok).toBe(false);
  });
});

describe('authorization code flow', () => {
  const metadata = { authorizationEndpoint: AS.authorization_endpoint, tokenEndpoint: AS.token_endpoint };
  const redirectUri = 'https://abcdefgh.chromiumapp.org/mcp';

  it('builds the authorization URL with S256 and the resource indicator', () => {
    const url = new URL(buildAuthorizationUrl({ metadata, clientId: 'c1', redirectUri, resource: 'https://mcp.example.com/mcp/', codeChallenge: 'E9M', state: 's1', scope: 'mcp:tools' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code', client_id: 'c1', redirect_uri: redirectUri, code_challenge: 'E9M', code_challenge_method: 'S256',
      state: 's1', resource: 'https://mcp.example.com/mcp', scope: 'mcp:tools',
    });
  });

  it('checks state and iss on the redirect', () => {
    const expected = { state: 's1', issuer: 'https://auth.example.com', issRequired: true };
    expect(parseAuthorizationResponse(`${redirectUri}?code=abc&state=s1&iss=https%3A%2F%2Fauth.example.com`, expected)).toEqual({ ok: true, code: 'abc' });
    expect(parseAuthorizationResponse(`${redirectUri}?code=abc&state=s2&iss=https%3A%2F%2Fauth.example.com`, expected)).toMatchObject({ ok: false, error: 'invalid_state' });
    expect(parseAuthorizationResponse(`${redirectUri}?code=abc&state=s1`, expected)).toMatchObject({ ok: false, error: 'invalid_issuer' });
    expect(parseAuthorizationResponse(`${redirectUri}?code=abc&state=s1&iss=https://mix-up.example`, { ...expected, issRequired: false })).toMatchObject({ ok: false, error: 'invalid_issuer' });
    expect(parseAuthorizationResponse(`${redirectUri}?error=access_denied&state=s1`, { ...expected, issRequired: false })).toEqual({ ok: false, error: 'access_denied' });
  });

  it('builds the token request with the verifier and resource, and reads the answer', () => {
    const req = buildTokenRequest({ metadata, clientId: 'c1', code: 'abc', codeVerifier: 'v'.repeat(43), redirectUri, resource: 'https://mcp.example.com/mcp' });
    expect(Object.fromEntries(new URLSearchParams(req.body))).toMatchObject({ grant_type: 'authorization_code', code_verifier: 'v'.repeat(43), resource: 'https://mcp.example.com/mcp' });
    expect(parseTokenResponse(200, JSON.stringify({ access_token: 'at', token_type: 'bearer', expires_in: 3600, refresh_token: 'rt', scope: 'mcp:tools' }), 1000))
      .toEqual({ ok: true, tokens: { accessToken: 'at', tokenType: 'Bearer', expiresAt: 3_601_000, refreshToken: 'rt', scope: 'mcp:tools' } });
    expect(parseTokenResponse(400, JSON.stringify({ error: 'invalid_grant', error_description: 'expired' }), 0)).toEqual({ ok: false, error: 'invalid_grant', description: 'expired' });
    expect(parseTokenResponse(200, JSON.stringify({ access_token: 'at', token_type: 'mac' }), 0)).toMatchObject({ ok: false });
    expect(parseTokenResponse(200, '<html>', 0)).toMatchObject({ ok: false, error: 'invalid_response' });
  });

  it('builds a dynamic registration for a web public client and reads the client id', () => {
    const reg = buildRegistrationRequest({ registrationEndpoint: AS.registration_endpoint, clientName: 'Emissary', redirectUris: [redirectUri] });
    expect(JSON.parse(reg.body)).toMatchObject({ application_type: 'web', token_endpoint_auth_method: 'none', redirect_uris: [redirectUri] });
    expect(parseRegistrationResponse(201, JSON.stringify({ client_id: 'abc' }))).toEqual({ ok: true, clientId: 'abc' });
    expect(parseRegistrationResponse(400, JSON.stringify({ error: 'invalid_redirect_uri' }))).toEqual({ ok: false, error: 'invalid_redirect_uri' });
  });
});
