import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { strings } from '../../shared/i18n';
import { createCounterApi } from '../api';
import { CitizenApp } from './CitizenApp';
import '../theme.css';
import './citizen.css';

// The CSP forbids eval: tell zod not to probe for it.
z.config({ jitless: true });

document.title = strings.serviceDay.citizen.title;

/**
 * The citizen-facing screen: served by the web shell at /citizen.html; the
 * Electron shell is to open it in a second window on the screen facing the
 * citizen (not written yet: see electron/shell). Same CounterApi as the clerk.
 */
const root = document.getElementById('root');
if (root) {
  const { api, connection } = createCounterApi();
  createRoot(root).render(
    <StrictMode>
      <CitizenApp api={api} connection={connection} />
    </StrictMode>,
  );
}
