// AITP-02 decisions as native UI: radio, checkbox, confirmation and product cards.
import { useState } from 'preact/hooks';
import { decisionView, type MessageOf, type OptionView } from '../../../protocols/aitp';
import type { MessageWidgetProps } from '../renderers';
import { Answered, ErrorLine, bodyOf, safeUrl, useSubmit } from './common';

function Stars({ stars, reviews }: { stars: number; reviews?: number }) {
  const rounded = Math.round(Math.min(5, Math.max(0, stars)));
  return (
    <span class="aitp-stars" aria-label={`Rated ${stars} out of 5${reviews !== undefined ? ` by ${reviews} reviewers` : ''}`}>
      <span aria-hidden="true">{'★'.repeat(rounded)}{'☆'.repeat(5 - rounded)}</span> <span class="muted">{stars.toFixed(1)}{reviews !== undefined ? ` (${reviews})` : ''}</span>
    </span>
  );
}

function ProductCard({ option, name, selected, onSelect, chosenVariant, onVariant }: {
  option: OptionView; name: string; selected: boolean; onSelect: () => void; chosenVariant?: string; onVariant: (id: string) => void;
}) {
  const price = option.price ?? option.variants.find((v) => v.id === chosenVariant)?.price;
  return (
    <label class={`aitp-product ${selected ? 'aitp-product--selected' : ''}`} data-option-id={option.id}>
      <input type="radio" name={name} checked={selected} onChange={onSelect} />
      {safeUrl(option.imageUrl) && <img src={safeUrl(option.imageUrl)} alt="" width={56} height={56} loading="lazy" referrerpolicy="no-referrer" />}
      <span class="aitp-product__text">
        <strong>{option.name}</strong>
        {option.description && <span class="muted">{option.description}</span>}
        {option.rating && <Stars stars={option.rating.stars} reviews={option.rating.reviews} />}
        {price && <span class="aitp-price" data-testid="aitp-price">{price.text}{price.expired ? ' (price expired)' : ''}</span>}
        {option.variants.length > 0 && (
          <span class="row" role="group" aria-label={`Variants of ${option.name}`}>
            {option.variants.map((v) => (
              <button type="button" class={`chip ${chosenVariant === v.id ? 'chip--on' : ''}`} aria-pressed={chosenVariant === v.id} data-variant-id={v.id}
                onClick={(e) => { e.preventDefault(); onSelect(); onVariant(v.id); }}>
                {v.shortName ?? v.name}
              </button>
            ))}
          </span>
        )}
      </span>
    </label>
  );
}

export function DecisionWidget(props: MessageWidgetProps) {
  const msg = bodyOf(props)?.message as MessageOf<'decisions.request_decision'> | undefined;
  const [chosen, setChosen] = useState<string[]>([]);
  const [variants, setVariants] = useState<Record<string, string>>({});
  const [quantity, setQuantity] = useState('1');
  const { busy, error, submit } = useSubmit(props.answer);
  if (!msg) return <span>{props.message.text}</span>;
  const view = decisionView(msg);
  const group = `aitp-d-${props.message.id}`;
  if (props.message.answered) {
    return (
      <div class="stack">
        <strong>{view.title ?? 'The agent asked you to choose'}</strong>
        <Answered summary={props.message.answered.summary} />
      </div>
    );
  }
  const toggle = (id: string) => setChosen(view.multiple ? (chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]) : [id]);
  const send = (e: Event) => {
    e.preventDefault();
    const q = Number.parseInt(quantity, 10);
    const choices = chosen.map((id) => {
      const option = view.options.find((o) => o.id === id);
      const pick = option && option.variants.length ? variants[id] ?? option.variants[0].id : id;
      return view.withQuantity ? { id: pick, quantity: q } : { id: pick };
    });
    void submit({ choices });
  };
  return (
    <form class="stack aitp-card" data-testid="aitp-decision" data-type={view.type} onSubmit={send}>
      <fieldset class="stack">
        <legend>
          <strong>{view.title ?? 'Choose'}</strong>
        </legend>
        {view.description && <p class="muted">{view.description}</p>}
        {view.type === 'products'
          ? view.options.map((o) => (
              <ProductCard option={o} name={group} selected={chosen.includes(o.id)} onSelect={() => setChosen([o.id])}
                chosenVariant={variants[o.id]} onVariant={(v) => setVariants({ ...variants, [o.id]: v })} />
            ))
          : view.options.map((o) => (
              <label class="row aitp-choice" data-option-id={o.id}>
                <input type={view.multiple ? 'checkbox' : 'radio'} name={group} checked={chosen.includes(o.id)} onChange={() => toggle(o.id)} />
                <span>{o.name}{o.description ? <span class="muted"> — {o.description}</span> : null}</span>
              </label>
            ))}
      </fieldset>
      {view.withQuantity && (
        <div class="field">
          <label for={`${group}-qty`}>Quantity</label>
          <input id={`${group}-qty`} type="number" min={1} max={100} step={1} value={quantity} onInput={(e) => setQuantity((e.target as HTMLInputElement).value)} data-testid="aitp-quantity" />
        </div>
      )}
      <ErrorLine error={error} />
      <button type="submit" class="btn btn--primary" disabled={busy || chosen.length === 0} data-testid="aitp-decision-send">
        {busy ? 'Sending…' : view.type === 'confirmation' ? 'Answer' : 'Send my choice'}
      </button>
    </form>
  );
}
