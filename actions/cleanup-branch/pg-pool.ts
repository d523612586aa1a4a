// A few admin sessions shared by the environments torn down at once. A session whose work
// failed is closed rather than reused (it may have been cut off), and a new one is opened when
// needed.
import { closeQuietly, type PgClient } from '../../shared/postgres/client.ts';

/** Up to `max` sessions opened with `open`, handed out one caller at a time. */
export class PgPool {
  private readonly open: () => Promise<PgClient>;
  private readonly max: number;
  private readonly idle: PgClient[] = [];
  private readonly waiting: ((client: PgClient | undefined) => void)[] = [];
  private count = 0;
  private closed = false;

  constructor(open: () => Promise<PgClient>, max: number) {
    this.open = open;
    this.max = Math.max(1, max);
  }

  /** Runs `fn` with a session of its own. */
  async withClient<T>(fn: (client: PgClient) => Promise<T>): Promise<T> {
    const client = await this.acquire();
    try {
      const result = await fn(client);
      this.release(client);
      return result;
    } catch (error: unknown) {
      this.count -= 1;
      await closeQuietly(client);
      this.wakeWithNew();
      throw error;
    }
  }

  /** Closes every session. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((client) => closeQuietly(client)));
  }

  private async acquire(): Promise<PgClient> {
    if (this.closed) throw new Error('PgPool: closed');
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.count < this.max) return this.openOne();
    const handed = await new Promise<PgClient | undefined>((resolve) => this.waiting.push(resolve));
    return handed ?? this.openOne();
  }

  private async openOne(): Promise<PgClient> {
    this.count += 1;
    try {
      return await this.open();
    } catch (error: unknown) {
      this.count -= 1;
      throw error;
    }
  }

  private release(client: PgClient): void {
    if (this.closed) {
      this.count -= 1;
      void closeQuietly(client);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(client);
    else this.idle.push(client);
  }

  /** A session was discarded: let the next waiter open a new one. */
  private wakeWithNew(): void {
    this.waiting.shift()?.(undefined);
  }
}
