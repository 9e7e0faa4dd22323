// A small GraphQL client for the page: queries and mutations over HTTP,
// subscriptions over one graphql-transport-ws WebSocket. No dependencies.

export class StreamHubClient {
  constructor(base = location.origin) {
    this.http = `${base}/graphql`;
    this.ws = this.http.replace(/^http/, 'ws');
    this.token = null;
    this.socket = null;
    this.ready = null;
    this.nextId = 1;
    this.handlers = new Map();
  }

  async request(query, variables = {}) {
    const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await fetch(this.http, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors?.length) {
      const e = body.errors[0];
      const err = new Error(e.message);
      err.code = e.extensions?.code;
      throw err;
    }
    return body.data;
  }

  setToken(token) {
    this.token = token;
    // A new identity needs a new connection: the token travels in connection_init.
    if (this.socket) this.socket.close(1000, 'token changed');
    this.socket = null;
    this.ready = null;
  }

  connect() {
    if (this.ready) return this.ready;
    this.ready = new Promise((resolve, reject) => {
      const socket = new WebSocket(this.ws, 'graphql-transport-ws');
      this.socket = socket;
      socket.onopen = () =>
        socket.send(JSON.stringify({ type: 'connection_init', payload: this.token ? { token: this.token } : {} }));
      socket.onmessage = (event) => {
        const msg = JSON.parse(event.data);
        if (msg.type === 'connection_ack') return resolve(socket);
        if (msg.type === 'ping') return socket.send(JSON.stringify({ type: 'pong' }));
        const h = this.handlers.get(msg.id);
        if (!h) return;
        if (msg.type === 'next') h.next(msg.payload);
        else if (msg.type === 'error') { this.handlers.delete(msg.id); h.error?.(msg.payload); }
        else if (msg.type === 'complete') { this.handlers.delete(msg.id); h.complete?.(); }
      };
      socket.onclose = (event) => {
        if (this.socket === socket) { this.socket = null; this.ready = null; }
        reject(new Error(`connection closed: ${event.code} ${event.reason}`));
        for (const h of this.handlers.values()) h.closed?.(event);
      };
    });
    return this.ready;
  }

  /// Subscribes; returns a function that stops it.
  async subscribe(query, variables, handlers) {
    const socket = await this.connect();
    const id = String(this.nextId++);
    this.handlers.set(id, handlers);
    socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
    return () => {
      if (this.handlers.delete(id) && socket.readyState === WebSocket.OPEN)
        socket.send(JSON.stringify({ id, type: 'complete' }));
    };
  }
}
