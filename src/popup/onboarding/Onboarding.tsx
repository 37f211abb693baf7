import { useState } from 'preact/hooks';
import { Logo } from '../components/Logo';
import { ShowPhrase } from './ShowPhrase';
import { ConfirmPhrase } from './ConfirmPhrase';
import { ImportPhrase } from './ImportPhrase';
import { ChoosePassword } from './ChoosePassword';

type Step =
  | { name: 'welcome' }
  | { name: 'show' }
  | { name: 'confirm'; words: string[] }
  | { name: 'import' }
  | { name: 'password'; phrase: string; back: Step };

export function Onboarding({ onDone }: { onDone: () => void }) {
  const [step, setStep] = useState<Step>({ name: 'welcome' });

  switch (step.name) {
    case 'welcome':
      return (
        <main class="onboarding welcome">
          <Logo size={56} />
          <h1>Emissary</h1>
          <p class="lede">Your own agent on the web. It finds what sites offer to agents, talks with them for you, and pays only when you say so.</p>
          <div class="stack">
            <button type="button" class="btn btn--primary" autoFocus onClick={() => setStep({ name: 'show' })}>
              Create a new wallet
            </button>
            <button type="button" class="btn" onClick={() => setStep({ name: 'import' })}>
              I have a recovery phrase
            </button>
          </div>
          <p class="fine">Your keys are created and kept on this device, encrypted with your password.</p>
        </main>
      );
    case 'show':
      return <ShowPhrase onBack={() => setStep({ name: 'welcome' })} onNext={(words) => setStep({ name: 'confirm', words })} />;
    case 'confirm':
      return (
        <ConfirmPhrase
          words={step.words}
          onBack={() => setStep({ name: 'show' })}
          onNext={() => setStep({ name: 'password', phrase: step.words.join(' '), back: step })}
        />
      );
    case 'import':
      return (
        <ImportPhrase
          onBack={() => setStep({ name: 'welcome' })}
          onNext={(phrase) => setStep({ name: 'password', phrase, back: { name: 'import' } })}
        />
      );
    case 'password':
      return <ChoosePassword phrase={step.phrase} onBack={() => setStep(step.back)} onDone={onDone} />;
  }
}

export function StepHeader({ title, step, of, onBack }: { title: string; step: number; of: number; onBack: () => void }) {
  return (
    <header class="step-header">
      <button type="button" class="btn btn--ghost btn--small" onClick={onBack} aria-label="Back">
        ← Back
      </button>
      <span class="step-count" aria-label={`Step ${step} of ${of}`}>
        {step} / {of}
      </span>
      <h1>{title}</h1>
    </header>
  );
}
