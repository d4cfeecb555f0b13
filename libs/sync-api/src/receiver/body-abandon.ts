import type { Request, Response } from 'express';

/**
 * After an early answer (refused signature, too large, bad metadata) the rest of the body is not
 * wanted: ask the client to close, and drop the socket soon after the answer has gone out so a
 * huge or endless (chunked) body is not read on.
 */
export async function abandonUnreadBody<T>(req: Request, res: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!req.complete && !res.headersSent) {
      res.setHeader('Connection', 'close');
      res.once('finish', () => setTimeout(() => req.socket.destroy(), 2000).unref());
    }
    throw err;
  }
}
