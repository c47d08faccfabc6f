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
  // In the web shell the socket asks for the citizen role: the server accepts it only with the citizen session.
  const { api, connection } = createCounterApi(globalThis, 'citizen');
  createRoot(root).render(
    <StrictMode>
      <CitizenApp api={api} connection={connection} />
    </StrictMode>,
  );
}
