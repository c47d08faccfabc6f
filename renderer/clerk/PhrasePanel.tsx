import { type JSX } from 'react';
import { strings } from '../../shared/i18n';

/** Reserved for the standard phrases of each stage; shows the greeting for now. */
export function PhrasePanel(): JSX.Element {
  return (
    <section className="panel phrase-panel" aria-labelledby="phrase-panel-title">
      <div className="panel__header">
        <h2 className="panel__title" id="phrase-panel-title">
          {strings.phrases.areaTitle}
        </h2>
      </div>
      <div className="panel__body">
        <figure className="phrase">
          <figcaption className="phrase__stage">{strings.clerkScreen.phraseStage}</figcaption>
          <blockquote className="phrase__text">{strings.phrases.greeting}</blockquote>
        </figure>
        <p className="phrase-panel__placeholder">{strings.phrases.placeholder}</p>
      </div>
    </section>
  );
}
