import { Client, cacheExchange, fetchExchange, subscriptionExchange, type Exchange } from 'urql';
import { mapExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { errorCode } from './errors';

export const GRAPHQL_PATH = '/graphql';

function wsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${GRAPHQL_PATH}`;
}

/** One urql client per signed-in key: queries and mutations (uploads as GraphQL multipart
 * requests) over HTTP, subscriptions over graphql-transport-ws with the key in
 * connection_init. An UNAUTHENTICATED answer anywhere signs the user out. */
export function makeClient(key: string, onUnauthenticated: () => void): { client: Client; ws: WsClient } {
  const ws = createWsClient({
    url: wsUrl(),
    connectionParams: { authorization: `Bearer ${key}` },
    lazy: true,
    keepAlive: 15_000,
    retryAttempts: 5,
  });
  const exchanges: Exchange[] = [
    mapExchange({
      onError(error) {
        if (errorCode(error) === 'UNAUTHENTICATED') onUnauthenticated();
      },
    }),
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const input = { ...request, query: request.query || '' };
        return {
          subscribe(sink) {
            const unsubscribe = ws.subscribe(input, sink);
            return { unsubscribe };
          },
        };
      },
    }),
  ];
  const client = new Client({
    url: GRAPHQL_PATH,
    exchanges,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${key}` } }),
  });
  return { client, ws };
}

/** A one-off request without urql (sign-in checks the key before storing it). */
export async function probe(key: string, query: string): Promise<string | null> {
  try {
    const response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    if (body.errors?.length) return (body.errors[0].extensions?.code ?? 'UNEXPECTED').toUpperCase();
    return null;
  } catch {
    return 'NETWORK';
  }
}
