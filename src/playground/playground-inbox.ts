import type { AnswerView } from '../core/view/sessions-view';

type Posted = { id: string; at: string; view: AnswerView; replyTo: string | null };

/**
 * The playground's channel: what scheduled digests and alerts post there, kept in memory, newest first,
 * so the page can show them; an alert's thread replies name the post they belong to, and an update
 * replaces a post in place. Bounded, since anyone who can open the playground can subscribe.
 */
export class PlaygroundInbox {
  private readonly posts: Posted[] = [];
  private count = 0;

  constructor(
    private readonly now: () => Date,
    private readonly keep = 30,
  ) {}

  post(view: AnswerView, replyTo: string | null = null): string {
    this.count++;
    const id = `playground-post-${this.count}`;
    this.posts.unshift({ id, at: this.now().toISOString(), view, replyTo });
    this.posts.length = Math.min(this.posts.length, this.keep);
    return id;
  }

  /** Replaces a post; false when it is no longer kept. */
  update(id: string, view: AnswerView): boolean {
    const found = this.posts.find((p) => p.id === id);
    if (found) found.view = view;
    return found !== undefined;
  }

  list(): readonly Posted[] {
    return this.posts;
  }
}
