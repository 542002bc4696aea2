// A real OpenID Connect provider for the console's sign-in tests: panva's certified
// `oidc-provider` (npm, pinned in services/console/package-lock.json) with its
// development login and consent pages. Anyone may sign in with any password; the roles
// of each login name come from PKRAFT_TEST_OIDC_ACCOUNTS (JSON: {"anna": ["caseworker"]}).
// Access tokens are JWTs for the services' APIs (audience PKRAFT_TEST_OIDC_AUDIENCE,
// `roles` claim), so the APIs verify them with the provider's JWKS. They live
// PKRAFT_TEST_OIDC_ACCESS_TTL seconds (default 3600); a refresh token comes with them
// (rotated at each use, as the provider does for a public client) and can be revoked.
//
//   node provider.mjs <port> <client_id> <redirect_uri> <post_logout_redirect_uri>
import Provider from 'oidc-provider';

const [port, clientId, redirectUri, postLogoutUri] = process.argv.slice(2);
const accounts = JSON.parse(process.env.PKRAFT_TEST_OIDC_ACCOUNTS || '{}');
const audience = process.env.PKRAFT_TEST_OIDC_AUDIENCE || 'pkraft';
const resource = 'urn:pkraft:api';
const accessTtl = Number(process.env.PKRAFT_TEST_OIDC_ACCESS_TTL || 3600);
const issuer = `http://127.0.0.1:${port}`;

const rolesOf = (accountId) => accounts[accountId] || [];

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    token_endpoint_auth_method: 'none',
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogoutUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  ttl: { AccessToken: accessTtl },
  // A refresh token whenever the client may use one (no offline_access scope needed).
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  claims: { openid: ['sub'], profile: ['name', 'roles'] },
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => resource,
      useGrantedResource: async () => true,
      getResourceServerInfo: async () => ({
        scope: 'openid profile',
        audience,
        accessTokenFormat: 'jwt',
        accessTokenTTL: accessTtl,
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, name: id, roles: rolesOf(id) }),
  }),
  extraTokenClaims: async (ctx, token) => (
    token.kind === 'AccessToken' ? { roles: rolesOf(token.accountId) } : undefined
  ),
});

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
