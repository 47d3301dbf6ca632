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
  const first = await withinBudget(answer, options.placeholderAfterMs);
  if (first !== 'slow') {
    await options.showAnswer(first, null);
    return;
  }
  const placeholder = await options.showPlaceholder().catch(() => null);
  await options.showAnswer(await answer, placeholder);
}

/** The answer if it comes within `ms`, else "slow" (the answer goes on; the caller decides what to show). */
export async function withinBudget(answer: Promise<AnswerView>, ms: number): Promise<AnswerView | 'slow'> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), ms);
  });
  try {
    return await Promise.race([answer, slow]);
  } finally {
    clearTimeout(timer);
  }
}
