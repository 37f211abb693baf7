// Which answered fields must not stay readable in the thread: card data by autocomplete token, and
// anything that looks like a card number.
import type { FormView } from '../../protocols/aitp';

export function sensitiveFieldIds(form: FormView): Set<string> {
  return new Set(form.fields.filter((f) => f.sensitive || /card|cc-?num|cvc|csc/i.test(f.name)).map((f) => f.name));
}
