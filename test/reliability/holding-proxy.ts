// A pass-through in front of the fake Slack Web API that can "lose the answer": the call reaches the
// fake (which stores the message, as Slack would) but its response is never delivered. This is the
// window a crash can fall into: Slack posted the message, the app never learned its ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export class HoldingProxy {
  private server: Server | undefined;
  private held: ServerResponse[] = [];
  /** Decides, per call, whether its answer is withheld. */
  hold: (method: string, body: string) => boolean = () => false;
  readonly heldCalls: string[] = [];
  port = 0;

  constructor(private readonly target: string) {}

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.forward(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = req.url ?? '/';
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(key)) headers[key] = value;
    }
    try {
      const answer = await fetch(`${this.target}${path}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
      const text = await answer.text();
      const method = path.replace(/^\/api\//, '').split('?')[0]!;
      if (this.hold(method, body.toString('utf8'))) {
        this.heldCalls.push(method);
        this.held.push(res);
        return;
      }
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    } catch {
      res.writeHead(502);
      res.end();
    }
  }
}
