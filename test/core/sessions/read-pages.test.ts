import { type ReadablePage, readPages } from '../../../src/core/sessions/read-pages';

/** A list of `n` items served `limit` at a time, item k unreadable when `unreadable(k)`. */
function listOf(n: number, options: { total?: boolean; unreadable?: (k: number) => boolean } = {}) {
  const asked: number[] = [];
  const fetchPage = async ({
    offset,
    limit,
  }: {
    offset: number;
    limit: number;
  }): Promise<ReadablePage<number>> => {
    asked.push(offset);
    const slice = Array.from({ length: Math.max(0, Math.min(limit, n - offset)) }, (_, i) => offset + i);
    const bad = slice.filter((k) => options.unreadable?.(k));
    return {
      items: slice.filter((k) => !bad.includes(k)),
      total: options.total === false ? null : n,
      unreadable: bad.length,
    };
  };
  return { fetchPage, asked };
}

describe('a bounded read of a paged list', () => {
  it.each([true, false])('reads every page and stops after the last (total given: %s)', async (total) => {
    const list = listOf(250, { total });
    const read = await readPages(list.fetchPage, 10, 100);
    expect(read).toMatchObject({ calls: 3, complete: true, unreadable: 0 });
    expect(read.items).toHaveLength(250);
    expect(list.asked).toEqual([0, 100, 200]);
  });

  it('counts an unreadable item towards a full page, so a page with one goes on to the next', async () => {
    const list = listOf(150, { total: false, unreadable: (k) => k === 7 });
    const read = await readPages(list.fetchPage, 10, 100);
    expect(read).toMatchObject({ calls: 2, complete: true, unreadable: 1 });
    expect(read.items).toHaveLength(149);
  });

  it('stops at its bound and says there was more', async () => {
    const list = listOf(1000);
    const read = await readPages(list.fetchPage, 3, 100);
    expect(read).toMatchObject({ calls: 3, complete: false });
    expect(read.items).toHaveLength(300);
  });

  it('stops on an empty page even when the total says more', async () => {
    const read = await readPages(async () => ({ items: [], total: 500, unreadable: 0 }), 10, 100);
    expect(read).toMatchObject({ calls: 1, complete: true });
  });
});
