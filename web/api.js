// The HTTP API as the page uses it: JSON in and out, a bearer token, RFC 9457 problems turned into ApiError.

/** A 4xx/5xx answer. `message` is what the user should read: the problem's `detail` when the server gave one. */
export class ApiError extends Error {
  constructor(status, problem) {
    const body = problem && typeof problem === 'object' ? problem : {};
    super(body.detail || body.title || body.message || (status === 0 ? 'The server cannot be reached' : `Request failed (HTTP ${status})`));
    this.name = 'ApiError';
    this.status = status;
    this.problem = body;
  }
}

export class Api {
  /**
   * @param base the API's origin; empty for the page's own (the local stack serves both)
   * @param token () => the current bearer token or null
   * @param onUnauthorized called when the server refuses the token (it expired, or the stack's key changed)
   * @param onAnswer (headers) => void, for every answer the server gave (its Date is the server's time)
   */
  constructor({ base = '', token = () => null, onUnauthorized = () => {}, onAnswer = () => {} } = {}) {
    this.base = base.replace(/\/$/, '');
    this.token = token;
    this.onUnauthorized = onUnauthorized;
    this.onAnswer = onAnswer;
  }

  get(path, options) {
    return this.request('GET', path, options);
  }

  /**
   * Every item of a paged list (`{"<field>":[...],"next"}`, `?limit=100&cursor=`), followed page by page to its end
   * or to `maxPages` pages.
   */
  async all(path, field, maxPages) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < maxPages; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const answer = await this.get(`${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...(answer.data?.[field] || []));
      cursor = answer.data?.next;
      if (!cursor) {
        break;
      }
    }
    return items;
  }

  post(path, body, options = {}) {
    return this.request('POST', path, { ...options, body });
  }

  delete(path, options) {
    return this.request('DELETE', path, options);
  }

  /**
   * Answers `{ status, headers, data }` for 2xx, 304 and any status listed in `accept`; throws ApiError otherwise.
   * `data` is the parsed JSON body, or null. `body` is sent as JSON, or as it is when it is a Blob (a plan file,
   * gzipped or not: its `Content-Encoding` comes in `headers`).
   */
  async request(method, path, { body, headers = {}, accept = [], signal } = {}) {
    const sent = { Accept: 'application/json', ...headers };
    const token = this.token();
    if (token) {
      sent.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      sent['Content-Type'] = 'application/json';
    }
    let response;
    try {
      // no-store: the page does its own revalidation (If-None-Match) and must see 304s as they are
      response = await fetch(this.base + path, {
        method,
        headers: sent,
        body: body === undefined || body instanceof Blob ? body : JSON.stringify(body),
        cache: 'no-store',
        signal,
      });
    } catch (error) {
      if (error.name === 'AbortError') {
        throw error;
      }
      throw new ApiError(0, { detail: 'The server cannot be reached. Is the local stack running?' });
    }
    this.onAnswer(response.headers);
    const data = await readJson(response);
    if (response.status === 401 && token) {
      this.onUnauthorized();
    }
    if ((response.ok || response.status === 304) || accept.includes(response.status)) {
      return { status: response.status, headers: response.headers, data };
    }
    throw new ApiError(response.status, data);
  }

  /** A binary answer (a PDF) as a Blob, with the bearer token; throws ApiError for a 4xx/5xx. */
  async download(path) {
    const token = this.token();
    let response;
    try {
      response = await fetch(this.base + path, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, { detail: 'The server cannot be reached. Is the local stack running?' });
    }
    if (!response.ok) {
      throw new ApiError(response.status, await readJson(response));
    }
    return response.blob();
  }
}

async function readJson(response) {
  if (response.status === 204 || response.status === 304) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('json')) {
    return null;
  }
  try {
    return await response.json();
  } catch {
    return null;
  }
}
