/** Leaving the lesson takes its "starts fresh" notice with it (it stood on in free play for its 15 s). */
import { expect, it } from 'vitest';
import { notify, useLab } from '../../src/store/lab-store';
import { closeLesson, STARTS_FRESH } from '../../src/views/lesson/open-step';

it('closing the lesson dismisses its "starts fresh" notice and keeps the others', () => {
  useLab.setState({ notices: [], lesson: 3 });
  notify('info', STARTS_FRESH);
  notify('warning', 'Training stalled');
  closeLesson();
  expect(useLab.getState().lesson).toBeNull();
  expect(useLab.getState().notices.map((n) => n.text)).toEqual(['Training stalled']);
});
