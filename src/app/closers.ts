/**
 * Everything opened is listed as it opens, so a failed start closes what it had and close() all of it:
 * in the reverse order of opening, every closer run, the first failure rethrown.
 */
export class Closers {
  private readonly closers: (() => unknown)[] = [];

  add(close: () => unknown): void {
    this.closers.push(close);
  }

  async closeAll(): Promise<void> {
    let first: unknown = null;
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        first ??= error;
      }
    }
    if (first !== null) throw first;
  }
}
