import type { AnswerView } from '../core/view/sessions-view';

/**
 * Where scheduled digests for the playground's conversation go: kept in memory, newest first, so the
 * page can show them. Bounded, since anyone who can open the playground can subscribe.
 */
export class PlaygroundInbox {
  private readonly posts: { id: string; at: string; view: AnswerView }[] = [];
  private count = 0;

  constructor(
    private readonly now: () => Date,
    private readonly keep = 10,
  ) {}

  post(view: AnswerView): string {
    this.count++;
    const id = `playground-digest-${this.count}`;
    this.posts.unshift({ id, at: this.now().toISOString(), view });
    this.posts.length = Math.min(this.posts.length, this.keep);
    return id;
  }

  list(): readonly { id: string; at: string; view: AnswerView }[] {
    return this.posts;
  }
}
