/** A fetch that answers from a script and records what was sent: no network in the tests. */
export interface Sent {
  method: string;
  url: string;
  headers: Headers;
  credentials: RequestCredentials;
  body: unknown;
}

export function fakeFetch(...answers: Array<{ status: number; body?: unknown; text?: string }>) {
  const sent: Sent[] = [];
  const queue = [...answers];
  const fetch = async (request: Request): Promise<Response> => {
    const raw = request.body ? await request.text() : "";
    sent.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      credentials: request.credentials,
      body: raw ? JSON.parse(raw) : undefined,
    });
    const answer = queue.shift() ?? { status: 200, body: {} };
    if (answer.text !== undefined) {
      return new Response(answer.text, { status: answer.status, headers: { "Content-Type": "text/html" } });
    }
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: answer.body === undefined ? {} : { "Content-Type": "application/json" },
    });
  };
  return { fetch, sent };
}

/** What a promise that must fail rejects with (the test fails if it resolves). */
export async function rejection<E = unknown>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error("expected the call to fail");
}
