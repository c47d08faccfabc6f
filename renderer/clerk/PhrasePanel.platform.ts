/**
 * What the phrase panel needs from the platform — speech synthesis and the
 * clipboard — behind small interfaces, so the panel can be tested without
 * a browser's voices and so a missing feature is a state, not an error.
 */

export interface VoiceInfo {
  voiceURI: string;
  name: string;
  lang: string;
}

export interface SpeechPort {
  /** The voices the platform has now (may grow after a `voiceschanged`). */
  voices(): readonly VoiceInfo[];
  /** Speaks `text` with the voice; `onDone` runs when it ends, fails or is cancelled. */
  speak(text: string, voiceURI: string, onDone: () => void): void;
  cancel(): void;
  /** Calls `listener` when the voice list changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** A Chinese voice, preferring Mandarin of the mainland (zh-CN), then any zh. */
export function pickChineseVoice(voices: readonly VoiceInfo[]): VoiceInfo | null {
  const lang = (v: VoiceInfo) => v.lang.toLowerCase().replace('_', '-');
  return (
    voices.find((v) => lang(v) === 'zh-cn' || lang(v).startsWith('cmn-hans')) ??
    voices.find((v) => lang(v).startsWith('zh-hans') || lang(v) === 'zh') ??
    voices.find((v) => lang(v).startsWith('zh') || lang(v).startsWith('cmn')) ??
    null
  );
}

/** The browser's (or Electron's) speech synthesis, or null where there is none. */
export function browserSpeech(scope: typeof globalThis = globalThis): SpeechPort | null {
  const synth = (scope as { speechSynthesis?: SpeechSynthesis }).speechSynthesis;
  const Utterance = (scope as { SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance }).SpeechSynthesisUtterance;
  if (!synth || typeof synth.getVoices !== 'function' || !Utterance) return null;
  return {
    voices: () => synth.getVoices().map((v) => ({ voiceURI: v.voiceURI, name: v.name, lang: v.lang })),
    speak(text, voiceURI, onDone) {
      const voice = synth.getVoices().find((v) => v.voiceURI === voiceURI);
      const utterance = new Utterance(text);
      if (voice) {
        utterance.voice = voice;
        utterance.lang = voice.lang;
      }
      utterance.rate = 0.95;
      utterance.onend = onDone;
      utterance.onerror = onDone;
      synth.cancel();
      synth.speak(utterance);
    },
    cancel: () => synth.cancel(),
    subscribe(listener) {
      synth.addEventListener?.('voiceschanged', listener);
      return () => synth.removeEventListener?.('voiceschanged', listener);
    },
  };
}

export interface ClipboardPort {
  writeText(text: string): Promise<void>;
}

/**
 * The async clipboard, falling back to a hidden text area and
 * `execCommand('copy')` where the async clipboard is refused (Electron
 * grants no clipboard permission to the page).
 */
export function browserClipboard(doc: Document = document): ClipboardPort {
  const fallback = (text: string): void => {
    const area = doc.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    const active = doc.activeElement as HTMLElement | null;
    doc.body.appendChild(area);
    area.select();
    const ok = typeof doc.execCommand === 'function' && doc.execCommand('copy');
    area.remove();
    active?.focus?.();
    if (!ok) throw new Error('execCommand copy refused');
  };
  return {
    async writeText(text) {
      const clipboard = doc.defaultView?.navigator.clipboard;
      if (clipboard?.writeText) {
        try {
          await clipboard.writeText(text);
          return;
        } catch {
          // Refused (no permission, page not focused): try the old way.
        }
      }
      fallback(text);
    },
  };
}
