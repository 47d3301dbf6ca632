import type { AnswerView } from '../view/sessions-view';

/**
 * Shows the answer at once when it is quick; when it is not ready after `placeholderAfterMs`, shows the
 * placeholder ("Looking up failed sessions today…") first and then replaces it with the answer.
 * `replacesPlaceholder` tells the platform whether to update the placeholder or post anew.
 */
export async function deliverWithPlaceholder<P>(
  answer: Promise<AnswerView>,
  options: {
    placeholderAfterMs: number;
    showPlaceholder: () => Promise<P>;
    showAnswer: (view: AnswerView, placeholder: P | null) => Promise<void>;
  },
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), options.placeholderAfterMs);
  });
  const first = await Promise.race([answer, slow]);
  clearTimeout(timer);
  if (first !== 'slow') {
    await options.showAnswer(first, null);
    return;
  }
  const placeholder = await options.showPlaceholder().catch(() => null);
  await options.showAnswer(await answer, placeholder);
}
